import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { route } from "@/lib/http/route";
import { retryOutboundMessage } from "@/lib/outbound/retry";
import { parseId } from "@/lib/tickets/ids";

export const dynamic = "force-dynamic";

/** Sends a failed, undelivered or unconfirmed message again. */
export const POST = route({ role: "user", sameOrigin: true }, async ({ user, params }) => {
  const messageId = parseId(params.messageId, "This message");
  await retryOutboundMessage({ db: await getDb(), messageId, actorId: user.id });
  return NextResponse.json({ ok: true });
});
