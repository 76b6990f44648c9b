import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listTicketViewers } from "@/db/queries/presence";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, handleInbox, readJson } from "@/lib/http/inbox";
import { reportPresence } from "@/lib/presence/report";
import { presenceSchema } from "@/lib/presence/validation";
import { parseId } from "@/lib/tickets/ids";

export const dynamic = "force-dynamic";

/** Who else has this ticket open, and who of them is typing a reply. */
export const GET = handleInbox(async (_request: Request, ctx: RouteContext<"/api/tickets/[ticketId]/presence">) => {
  const user = await authorizeRequest();
  const ticketId = parseId((await ctx.params).ticketId);
  const viewers = await listTicketViewers({ db: await getDb(), ticketId, exceptUserId: user.id });
  return NextResponse.json({ viewers }, { headers: { "Cache-Control": "no-store" } });
});

/** { tabId, state: "viewing" | "typing" | "left" }: this tab's heartbeat; answers like GET. */
export const POST = handleInbox(async (request: Request, ctx: RouteContext<"/api/tickets/[ticketId]/presence">) => {
  assertSameOrigin(request);
  const user = await authorizeRequest();
  const ticketId = parseId((await ctx.params).ticketId);
  const parsed = presenceSchema.safeParse(await readJson(request));
  if (!parsed.success) throw new AppError("bad_request", "That presence report could not be read: it needs a tab id and a state (viewing, typing or left).");
  const viewers = await reportPresence({ db: await getDb(), ticketId, userId: user.id, report: parsed.data });
  return NextResponse.json({ viewers });
});
