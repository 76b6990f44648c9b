import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { handleInbox } from "@/lib/http/inbox";
import { parseId } from "@/lib/tickets/ids";
import { getTicketThread } from "@/lib/tickets/view";

export const dynamic = "force-dynamic";

/** The latest messages of the conversation, or those before ?before=<cursor>. */
export const GET = handleInbox(async (request: Request, ctx: RouteContext<"/api/tickets/[ticketId]/thread">) => {
  await authorizeRequest();
  const ticketId = parseId((await ctx.params).ticketId);
  const thread = await getTicketThread({ db: await getDb(), ticketId, before: new URL(request.url).searchParams.get("before") });
  return NextResponse.json(thread, { headers: { "Cache-Control": "no-store" } });
});
