import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, handleInbox, readJson } from "@/lib/http/inbox";
import { parseId } from "@/lib/tickets/ids";
import { assignTicket, markTicketRead, restoreClosedTicket, setTicketStatus } from "@/lib/tickets/manage";
import { ticketActionSchema } from "@/lib/tickets/validation";
import { getTicketView } from "@/lib/tickets/view";

export const dynamic = "force-dynamic";

export const GET = handleInbox(async (_request: Request, ctx: RouteContext<"/api/tickets/[ticketId]">) => {
  const user = await authorizeRequest();
  const view = await getTicketView({ db: await getDb(), ticketId: parseId((await ctx.params).ticketId), userId: user.id });
  if (!view) throw new AppError("not_found", "This ticket does not exist.");
  return NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
});

/** { action: "assign", assigneeId } | { action: "close" } | { action: "reopen" } | { action: "read" } | { action: "restore", assigneeId } */
export const PATCH = handleInbox(async (request: Request, ctx: RouteContext<"/api/tickets/[ticketId]">) => {
  assertSameOrigin(request);
  const user = await authorizeRequest();
  const ticketId = parseId((await ctx.params).ticketId);
  const parsed = ticketActionSchema.safeParse(await readJson(request));
  if (!parsed.success) throw new AppError("bad_request", "That is not something a ticket can do.");
  const db = await getDb();
  const action = parsed.data;
  if (action.action === "assign") await assignTicket({ db, ticketId, assigneeId: action.assigneeId, actor: user });
  else if (action.action === "read") await markTicketRead({ db, ticketId, userId: user.id });
  else if (action.action === "restore") await restoreClosedTicket({ db, ticketId, assigneeId: action.assigneeId, actor: user });
  else await setTicketStatus({ db, ticketId, status: action.action === "close" ? "closed" : "open", actor: user });
  return NextResponse.json({ ok: true });
});
