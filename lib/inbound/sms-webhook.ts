import { getDb } from "@/db";
import { withinDatabaseDeadline } from "@/lib/http/deadline";
import { errorResponse } from "@/lib/http/respond";
import { recordInboundMessage, type InboundOutcome } from "@/lib/inbound/record";
import { NOT_ACCEPTED_HEADER, refusalHeaderValue, type Refusal } from "@/lib/inbound/refusal";
import { parseInboundMessage } from "@/lib/inbound/validation";
import { kickJobWorker } from "@/lib/jobs/kick";
import { log } from "@/lib/log";
import { twimlEmpty } from "@/lib/twilio/twiml";
import { twilioIdempotencyToken, verifyTwilioWebhook } from "@/lib/twilio/webhook";

function refusalOf(result: InboundOutcome): Refusal | null {
  if (result.outcome === "blocked_country") return { reason: "country-not-allowed", country: result.country };
  if (result.outcome === "blocked_otp") return { reason: result.kind };
  return null;
}

/**
 * Twilio's inbound SMS/MMS webhook (`POST /api/twilio/sms`), served by its route and, in a
 * server process, before Next's request pipeline (lib/http/webhook-fast-path.ts). The 200
 * goes out only after the message and all the work it causes are committed; media downloads
 * and rules run afterwards from job rows.
 * A database that is down or stuck gets a 503 within a few seconds, so Twilio retries.
 */
export async function handleInboundSmsWebhook(request: Request): Promise<Response> {
  try {
    const check = await verifyTwilioWebhook(request, "/api/twilio/sms");
    if (!check.ok) return check.response;
    const parsed = parseInboundMessage(check.params);
    if (!parsed.ok) {
      log.warn({ reason: parsed.message }, "inbound webhook refused");
      return new Response(parsed.message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    // A database that does not answer gets Twilio a 503 in time to try again, not a timeout.
    const result = await withinDatabaseDeadline(async () => recordInboundMessage({ db: await getDb(), message: parsed.message }));
    const messageSid = parsed.message.MessageSid;
    const idempotencyToken = twilioIdempotencyToken(request);
    if (result.outcome === "stored") {
      log.info({ messageSid, ticketId: result.ticketId, ticket: result.ticketChange, idempotencyToken }, "inbound message stored");
      if (result.queuedWork) kickJobWorker();
    } else if (result.outcome === "duplicate") {
      log.info({ messageSid, idempotencyToken }, "inbound webhook retried: the message is already stored");
    } else if (idempotencyToken) {
      log.debug({ messageSid, idempotencyToken, outcome: result.outcome }, "inbound webhook answered");
    }
    const refusal = refusalOf(result);
    const response = twimlEmpty();
    // Still a 200: Twilio must not retry a text the inbox decided not to take.
    if (refusal) response.headers.set(NOT_ACCEPTED_HEADER, refusalHeaderValue(refusal));
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
