import type { Twilio } from "twilio";
import type { Database } from "@/db/client";
import { listStoredAttachmentIds } from "@/db/queries/attachments";
import { claimMessageForSending, getMessage, recordSendResult } from "@/db/queries/messages";
import { getSendingContext } from "@/db/queries/sending";
import type { Message } from "@/db/schema";
import { publicBaseUrl } from "@/lib/config/env";
import type { JobHandler } from "@/lib/jobs/catalog";
import { log } from "@/lib/log";
import { countryOfCustomer } from "@/lib/phone/normalize";
import { getTwilioClient } from "@/lib/twilio/client";
import { customerLabel, describeSendingBlock, sendingBlock } from "./eligibility";
import { signedMediaUrl } from "./media-url";
import { UNKNOWN_OUTCOME_MESSAGE } from "./send-errors";
import { handleSendFailure, messageChanged, recordAccepted } from "./send-outcome";
import { listExtraAllowedCountryCodes } from "@/lib/integrations/countries";

// A claim older than this with no Twilio SID belongs to a worker that died mid-send: longer
// than the Twilio request timeout, shorter than the job lease that hands the job on.
const ABANDONED_AFTER_MS = 30_000;

/** The claim is lost when the message is not pending: sent, being sent, or abandoned mid-send. */
async function settleUnclaimed(db: Database, messageId: string) {
  const message = await getMessage({ db, id: messageId });
  if (!message || message.status !== "sending" || message.twilioSid) return;
  if (Date.now() - message.statusChangedAt.getTime() < ABANDONED_AFTER_MS) return;
  // Whether Twilio got the request is unknown; sending again could text the customer twice.
  log.warn({ messageId }, "send was interrupted; marking the message for the agent to check");
  await messageChanged(db, await recordSendResult({ db, id: messageId, changes: { status: "unknown", errorMessage: UNKNOWN_OUTCOME_MESSAGE } }));
}

/** Things may have changed since the message was queued: a STOP, a deactivated integration. */
/** Why the message may not go out now, or the Messaging Service it goes through (null: from the number itself). */
async function checkSendingNow(db: Database, message: Message): Promise<{ blocked: string } | { blocked: null; messagingServiceSid: string | null }> {
  const context = await getSendingContext({ db, ticketId: message.ticketId });
  if (!context) return { blocked: "The ticket no longer exists." };
  const block = sendingBlock({
    integration: context.integration,
    optOut: context.optOut,
    customerCountry: countryOfCustomer(context.customer.phoneE164, context.customer.country),
    extraAllowedCountries: await listExtraAllowedCountryCodes({ db }),
  });
  if (block) return { blocked: describeSendingBlock(block, customerLabel(context.customer)) };
  return { blocked: null, messagingServiceSid: context.integration.messagingServiceSid };
}

export function statusCallbackUrl(messageId: string, attempt: number): string {
  return `${publicBaseUrl()}/api/twilio/status?${new URLSearchParams({ message: messageId, attempt: String(attempt) })}`;
}

/**
 * The "message.send" job: hands one stored message to Twilio, exactly once. The
 * pending → sending claim is the guard: however many workers run this job, or copies of
 * it, only the one whose UPDATE returned the row calls Twilio.
 */
export const sendMessageJob: JobHandler<"message.send"> = async ({ db, job, payload }) => {
  const message = await claimMessageForSending({ db, id: payload.messageId });
  if (!message) return settleUnclaimed(db, payload.messageId);
  await messageChanged(db, message);

  const now = await checkSendingNow(db, message);
  if (now.blocked !== null) {
    await messageChanged(db, await recordSendResult({ db, id: message.id, changes: { status: "failed", errorMessage: now.blocked } }));
    return;
  }
  let client: Twilio | null = null;
  const attempt = { startedAt: new Date(), mediaCount: 0, messagingServiceSid: now.messagingServiceSid };
  let result;
  try {
    const mediaUrl = await Promise.all((await listStoredAttachmentIds({ db, messageId: message.id })).map((id) => signedMediaUrl(id)));
    attempt.mediaCount = mediaUrl.length;
    client = await getTwilioClient();
    attempt.startedAt = new Date();
    result = await client.messages.create({
      to: message.toE164 ?? "",
      // Through the integration's Messaging Service, which holds its number (sticky sender keeps
      // the customer on it); otherwise from the number itself.
      ...(now.messagingServiceSid ? { messagingServiceSid: now.messagingServiceSid } : { from: message.fromE164 ?? "" }),
      body: message.body,
      ...(mediaUrl.length ? { mediaUrl } : {}),
      // Names the message and attempt, so a callback that beats Twilio's answer still finds it.
      statusCallback: statusCallbackUrl(message.id, message.sendAttempts),
    });
  } catch (error) {
    return handleSendFailure({ db, job, message, error, client, attempt });
  }
  await recordAccepted(db, message, { sid: result.sid, status: result.status, errorCode: result.errorCode, errorMessage: result.errorMessage });
};
