import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { assertSameOrigin, handleInbox } from "@/lib/http/inbox";
import { retryOutboundMessage } from "@/lib/outbound/retry";
import { parseId } from "@/lib/tickets/ids";

export const dynamic = "force-dynamic";

/** Sends a failed, undelivered or unconfirmed message again. */
export const POST = handleInbox(async (request: Request, ctx: RouteContext<"/api/messages/[messageId]/retry">) => {
  assertSameOrigin(request);
  const user = await authorizeRequest();
  const messageId = parseId((await ctx.params).messageId, "This message");
  await retryOutboundMessage({ db: await getDb(), messageId, actorId: user.id });
  return NextResponse.json({ ok: true });
});
