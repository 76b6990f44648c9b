import { z } from "zod";
import { getDb } from "@/db";
import { withinDatabaseDeadline } from "@/lib/http/deadline";
import { errorResponse } from "@/lib/http/respond";
import { statusCallbackSchema } from "@/lib/inbound/validation";
import { applyStatusCallback } from "@/lib/inbound/status-callback";
import { log } from "@/lib/log";
import { twilioIdempotencyToken, verifyTwilioWebhook } from "@/lib/twilio/webhook";

/** `?message=&attempt=`, as the app wrote them into the StatusCallback URL (signed with the rest). */
function sentAsFrom(url: string): { messageId: string; attempt: number } | undefined {
  const query = new URL(url).searchParams;
  const messageId = query.get("message") ?? "";
  const attempt = Number(query.get("attempt"));
  return z.uuid().safeParse(messageId).success && Number.isInteger(attempt) && attempt > 0 ? { messageId, attempt } : undefined;
}

/**
 * Twilio's delivery-status callback for messages the app sent (`POST /api/twilio/status`), served
 * by its route and, in a server process, before Next's request pipeline (lib/http/webhook-fast-path.ts).
 */
export async function handleStatusCallbackWebhook(request: Request): Promise<Response> {
  try {
    const check = await verifyTwilioWebhook(request, "/api/twilio/status");
    if (!check.ok) return check.response;
    const parsed = statusCallbackSchema.safeParse(check.params);
    if (!parsed.success) {
      return new Response("Invalid status callback: MessageSid and MessageStatus are required.", { status: 400 });
    }
    const sentAs = sentAsFrom(request.url);
    const outcome = await withinDatabaseDeadline(async () =>
      applyStatusCallback({ db: await getDb(), messageSid: parsed.data.MessageSid, status: parsed.data.MessageStatus, errorCode: parsed.data.ErrorCode, sentAs }),
    );
    const idempotencyToken = twilioIdempotencyToken(request);
    if (idempotencyToken) log.debug({ messageSid: parsed.data.MessageSid, status: parsed.data.MessageStatus, idempotencyToken, outcome }, "status callback answered");
    // Twilio expects a 200 to a status callback; there is nothing to say back.
    return new Response(null, { status: 200 });
  } catch (error) {
    return errorResponse(error);
  }
}
