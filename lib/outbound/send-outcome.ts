import type { Twilio } from "twilio";
import type { Database } from "@/db/client";
import { recordSendResult } from "@/db/queries/messages";
import type { Job, Message } from "@/db/schema";
import { RetryLater } from "@/lib/jobs/retry";
import { log } from "@/lib/log";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { describeTwilioError } from "@/lib/twilio/error-codes";
import { lookUpAttempt } from "./lookup";
import { classifySendError, uncheckedOutcomeMessage, type SendFailure } from "./send-errors";
import { fromTwilioStatus } from "./status";

/** One attempt to hand a message to Twilio: when it began, and with how many files. */
export interface SendAttempt {
  startedAt: Date;
  mediaCount: number;
  /** The Messaging Service it went through, or null when it was sent from the number itself. */
  messagingServiceSid: string | null;
}

/** What Twilio said it made of the message, from its answer to the send or from a lookup. */
export interface AcceptedMessage {
  sid: string;
  status: string;
  errorCode: number | null;
  errorMessage: string | null;
}

export async function messageChanged(db: Database, message: Message | null) {
  if (message) await publishInboxEvent({ db, event: { type: "message.updated", ticketId: message.ticketId, messageId: message.id } });
}

export async function recordAccepted(db: Database, message: Message, accepted: AcceptedMessage): Promise<void> {
  const status = fromTwilioStatus(accepted.status) ?? "queued";
  const failedAtOnce = status === "failed" || status === "undelivered";
  const recorded = await recordSendResult({
    db,
    id: message.id,
    changes: {
      status,
      twilioSid: accepted.sid,
      errorCode: failedAtOnce ? accepted.errorCode : null,
      errorMessage: failedAtOnce ? (describeTwilioError(accepted.errorCode) ?? accepted.errorMessage) : null,
    },
  });
  log.info({ messageId: message.id, sid: accepted.sid, status }, "message handed to Twilio");
  await messageChanged(db, recorded);
}

function retryAfterHeader(client: Twilio | null): string | null {
  // The SDK's RestException drops the headers; the client keeps the last response's.
  const last = client?.httpClient?.lastResponse;
  if (!last || last.statusCode !== 429) return null;
  const headers = last.headers as Record<string, unknown> | undefined;
  const value = headers?.["retry-after"] ?? headers?.["Retry-After"];
  return typeof value === "string" ? value : null;
}

/**
 * After a 5xx or a broken connection Twilio may hold the message already: it is looked up,
 * and sent again only when Twilio certainly has none. Returns what to do next, or null
 * when Twilio had it and it is now recorded as sent.
 */
async function settleUncertain(db: Database, message: Message, outcome: SendFailure, client: Twilio | null, attempt: SendAttempt): Promise<SendFailure | null> {
  if (outcome.kind !== "check") return outcome;
  const lookup = client ? await lookUpAttempt({ client, db, message, mediaCount: attempt.mediaCount, messagingServiceSid: attempt.messagingServiceSid, since: attempt.startedAt }) : { kind: "unsure" as const, reason: "no client" };
  if (lookup.kind === "created") {
    log.warn({ messageId: message.id, sid: lookup.sid, reason: outcome.reason }, "Twilio had taken the message despite the error; not sending it again");
    await recordAccepted(db, message, lookup);
    return null;
  }
  if (lookup.kind === "none") return { kind: "retry", reason: outcome.reason };
  log.warn({ messageId: message.id, reason: outcome.reason, lookup: lookup.reason }, "whether Twilio took the message could not be checked");
  return { kind: "unknown", message: uncheckedOutcomeMessage(outcome.reason) };
}

export async function handleSendFailure({ db, job, message, error, client, attempt }: { db: Database; job: Job; message: Message; error: unknown; client: Twilio | null; attempt: SendAttempt }) {
  const outcome = await settleUncertain(db, message, classifySendError(error, retryAfterHeader(client)), client, attempt);
  if (!outcome) return;
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
  await messageChanged(db, await recordSendResult({ db, id: message.id, changes }));
}
