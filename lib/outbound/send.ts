import { z } from "zod";
import type { Twilio } from "twilio";
import type { Database } from "@/db/client";
import { listStoredAttachmentIds } from "@/db/queries/attachments";
import { claimMessageForSending, getMessage, recordSendResult } from "@/db/queries/messages";
import { listExtraAllowedCountries } from "@/db/queries/countries";
import { getSendingContext } from "@/db/queries/sending";
import type { Job, Message } from "@/db/schema";
import { publicBaseUrl } from "@/lib/config/env";
import { RetryLater } from "@/lib/jobs/retry";
import { log } from "@/lib/log";
import { countryOfCustomer } from "@/lib/phone/normalize";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { getTwilioClient } from "@/lib/twilio/client";
import { describeTwilioError } from "@/lib/twilio/error-codes";
import { customerLabel, describeSendingBlock, sendingBlock } from "./eligibility";
import { signedMediaUrl } from "./media-url";
import { classifySendError, UNKNOWN_OUTCOME_MESSAGE } from "./send-errors";
import { fromTwilioStatus } from "./status";

const payloadSchema = z.object({ messageId: z.uuid() });

// A claim older than this with no Twilio SID belongs to a worker that died mid-send: longer
// than the Twilio request timeout, shorter than the job lease that hands the job on.
const ABANDONED_AFTER_MS = 30_000;

async function changed(db: Database, message: Message | null) {
  if (message) await publishInboxEvent({ db, event: { type: "message.updated", ticketId: message.ticketId, messageId: message.id } });
}

/** The claim is lost when the message is not pending: sent, being sent, or abandoned mid-send. */
async function settleUnclaimed(db: Database, messageId: string) {
  const message = await getMessage({ db, id: messageId });
  if (!message || message.status !== "sending" || message.twilioSid) return;
  if (Date.now() - message.statusChangedAt.getTime() < ABANDONED_AFTER_MS) return;
  // Whether Twilio got the request is unknown; sending again could text the customer twice.
  log.warn({ messageId }, "send was interrupted; marking the message for the agent to check");
  await changed(db, await recordSendResult({ db, id: messageId, changes: { status: "unknown", errorMessage: UNKNOWN_OUTCOME_MESSAGE } }));
}

/** Things may have changed since the message was queued: a STOP, a deactivated integration. */
async function blockedNow(db: Database, message: Message): Promise<string | null> {
  const context = await getSendingContext({ db, ticketId: message.ticketId });
  if (!context) return "The ticket no longer exists.";
  const block = sendingBlock({
    integration: context.integration,
    optOut: context.optOut,
    customerCountry: countryOfCustomer(context.customer.phoneE164, context.customer.country),
    extraAllowedCountries: await listExtraAllowedCountries({ db }),
  });
  return block ? describeSendingBlock(block, customerLabel(context.customer)) : null;
}

function retryAfterHeader(client: Twilio | null): string | null {
  // The SDK's RestException drops the headers; the client keeps the last response's.
  const last = client?.httpClient?.lastResponse;
  if (!last || last.statusCode !== 429) return null;
  const headers = last.headers as Record<string, unknown> | undefined;
  const value = headers?.["retry-after"] ?? headers?.["Retry-After"];
  return typeof value === "string" ? value : null;
}

async function handleFailure(db: Database, job: Job, message: Message, error: unknown, client: Twilio | null) {
  const outcome = classifySendError(error, retryAfterHeader(client));
  if (outcome.kind === "retry" && job.attempts < job.maxAttempts) {
    await recordSendResult({ db, id: message.id, changes: { status: "pending" } });
    log.warn({ messageId: message.id, attempt: job.attempts, reason: outcome.reason }, "send failed for now; will retry");
    throw new RetryLater(outcome.reason, outcome.retryAfterMs !== undefined ? new Date(Date.now() + outcome.retryAfterMs) : undefined);
  }
  const changes =
    outcome.kind === "unknown"
      ? { status: "unknown" as const, errorMessage: outcome.message }
      : outcome.kind === "failed"
        ? { status: "failed" as const, errorCode: outcome.code, errorMessage: outcome.message }
        : { status: "failed" as const, errorMessage: `Twilio could not be reached after ${job.attempts} tries (${outcome.reason}). Retry when it is back.` };
  log.warn({ messageId: message.id, outcome: outcome.kind, code: changes.status === "failed" ? (changes.errorCode ?? null) : null }, "send did not go through");
  await changed(db, await recordSendResult({ db, id: message.id, changes }));
}

export function statusCallbackUrl(messageId: string, attempt: number): string {
  return `${publicBaseUrl()}/api/twilio/status?${new URLSearchParams({ message: messageId, attempt: String(attempt) })}`;
}

/**
 * The "message.send" job: hands one stored message to Twilio, exactly once. The
 * pending → sending claim is the guard: however many workers run this job, or copies of
 * it, only the one whose UPDATE returned the row calls Twilio.
 */
export async function sendMessageJob({ db, job }: { db: Database; job: Job }): Promise<void> {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success) throw new RetryLater("message.send job without a message id", undefined, true);
  const message = await claimMessageForSending({ db, id: parsed.data.messageId });
  if (!message) return settleUnclaimed(db, parsed.data.messageId);
  await changed(db, message);

  const blocked = await blockedNow(db, message);
  if (blocked) {
    await changed(db, await recordSendResult({ db, id: message.id, changes: { status: "failed", errorMessage: blocked } }));
    return;
  }
  let client: Twilio | null = null;
  let result;
  try {
    const mediaUrl = await Promise.all((await listStoredAttachmentIds({ db, messageId: message.id })).map((id) => signedMediaUrl(id)));
    client = await getTwilioClient();
    result = await client.messages.create({
      to: message.toE164 ?? "",
      from: message.fromE164 ?? "",
      body: message.body,
      ...(mediaUrl.length ? { mediaUrl } : {}),
      // Names the message and attempt, so a callback that beats Twilio's answer still finds it.
      statusCallback: statusCallbackUrl(message.id, message.sendAttempts),
    });
  } catch (error) {
    return handleFailure(db, job, message, error, client);
  }
  const status = fromTwilioStatus(result.status) ?? "queued";
  const failedAtOnce = status === "failed" || status === "undelivered";
  const recorded = await recordSendResult({
    db,
    id: message.id,
    changes: {
      status,
      twilioSid: result.sid,
      errorCode: failedAtOnce ? result.errorCode : null,
      errorMessage: failedAtOnce ? (describeTwilioError(result.errorCode) ?? result.errorMessage) : null,
    },
  });
  log.info({ messageId: message.id, sid: result.sid, status }, "message handed to Twilio");
  await changed(db, recorded);
}
