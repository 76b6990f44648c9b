import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listTicketViewers } from "@/db/queries/presence";
import { route } from "@/lib/http/route";
import { reportPresence } from "@/lib/presence/report";
import { presenceSchema } from "@/lib/presence/validation";
import { parseId } from "@/lib/tickets/ids";

export const dynamic = "force-dynamic";

/** Who else has this ticket open, and who of them is typing a reply. */
export const GET = route({ role: "user" }, async ({ user, params }) => {
  const viewers = await listTicketViewers({ db: await getDb(), ticketId: parseId(params.ticketId), exceptUserId: user.id });
  return NextResponse.json({ viewers }, { headers: { "Cache-Control": "no-store" } });
});

/** { tabId, state: "viewing" | "typing" | "left" }: this tab's heartbeat; answers like GET. */
export const POST = route(
  {
    role: "user",
    sameOrigin: true,
    body: presenceSchema,
    invalid: "That presence report could not be read: it needs a tab id and a state (viewing, typing or left).",
  },
  async ({ user, body, params }) => {
    const viewers = await reportPresence({ db: await getDb(), ticketId: parseId(params.ticketId), userId: user.id, report: body });
    return NextResponse.json({ viewers });
  },
);
