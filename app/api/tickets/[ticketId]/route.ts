import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { parseId } from "@/lib/tickets/ids";
import { assignTicket, markTicketRead, restoreClosedTicket, setTicketStatus } from "@/lib/tickets/manage";
import { snoozeTicket, unsnoozeTicket } from "@/lib/tickets/snooze";
import { ticketActionSchema } from "@/lib/tickets/validation";
import { getTicketView } from "@/lib/tickets/view";

export const dynamic = "force-dynamic";

export const GET = route({ role: "user" }, async ({ user, params }) => {
  const view = await getTicketView({ db: await getDb(), ticketId: parseId(params.ticketId), userId: user.id });
  if (!view) throw new AppError("not_found", "This ticket does not exist.");
  return NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
});

/**
 * { action: "assign", assigneeId } | { action: "close" } | { action: "reopen" } | { action: "read" } | { action: "restore", assigneeId }
 * | { action: "snooze", until } | { action: "unsnooze" }
 */
export const PATCH = route(
  { role: "user", sameOrigin: true, body: ticketActionSchema, invalid: "That is not something a ticket can do." },
  async ({ user, body: action, params }) => {
    const ticketId = parseId(params.ticketId);
    const db = await getDb();
    if (action.action === "assign") await assignTicket({ db, ticketId, assigneeId: action.assigneeId, actor: user });
    else if (action.action === "read") await markTicketRead({ db, ticketId, userId: user.id });
    else if (action.action === "restore") await restoreClosedTicket({ db, ticketId, assigneeId: action.assigneeId, actor: user });
    else if (action.action === "snooze") await snoozeTicket({ db, ticketId, until: new Date(action.until), actor: user });
    else if (action.action === "unsnooze") await unsnoozeTicket({ db, ticketId, actor: user });
    else await setTicketStatus({ db, ticketId, status: action.action === "close" ? "closed" : "open", actor: user });
    return NextResponse.json({ ok: true });
  },
);
