import type { DbOrTx } from "@/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue";
import type { SandboxMessage } from "@/db/queries/sandbox-messages";
import type { JobHandler } from "@/lib/jobs/catalog";
import { RetryLater } from "@/lib/jobs/retry";
import { log } from "@/lib/log";
import { getSandboxCredentials } from "@/lib/twilio/credentials";
import { sendSignedRequest } from "./outgoing";
import { API_VERSION } from "./serializers";

export const STATUS_CALLBACK_JOB = "sandbox.callback";
const TIMEOUT_MS = 15_000;

/** "2311271405": when the handset confirmed, as carriers report it (YYMMDDhhmm, UTC). */
function rawDlrDoneDate(date: Date): string {
  return date.toISOString().replace(/[-T:]/g, "").slice(2, 12);
}

/** The parameters Twilio posts to a message's StatusCallback. */
export function statusCallbackParams(message: SandboxMessage): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: message.accountSid,
    ApiVersion: API_VERSION,
    From: message.from,
    MessageSid: message.sid,
    MessageStatus: message.status,
    SmsSid: message.sid,
    SmsStatus: message.status,
    To: message.to,
  };
  if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
  if (message.errorCode !== null) params.ErrorCode = String(message.errorCode);
  if (message.status === "delivered" || message.status === "undelivered") params.RawDlrDoneDate = rawDlrDoneDate(message.dateUpdated);
  return params;
}

/** Queues the callback for the message's new status, in the caller's transaction. */
export async function enqueueStatusCallback({ db, message }: { db: DbOrTx; message: SandboxMessage }): Promise<void> {
  if (!message.statusCallback) return;
  await enqueueJob({
    db,
    job: {
      kind: STATUS_CALLBACK_JOB,
      payload: { url: message.statusCallback, params: statusCallbackParams(message) },
      dedupeKey: `${STATUS_CALLBACK_JOB}:${message.sid}:${message.status}`,
      maxAttempts: 3,
    },
  });
}

export const runStatusCallbackJob: JobHandler<"sandbox.callback"> = async ({ payload }) => {
  const { url, params } = payload;
  const { authToken } = await getSandboxCredentials();
  const result = await sendSignedRequest({ url, method: "POST", params, authToken, timeoutMs: TIMEOUT_MS });
  if (!result.ok) {
    log.warn({ messageSid: params.MessageSid, status: params.MessageStatus, reason: result.reason }, "sandbox status callback failed");
    throw new RetryLater(`status callback ${result.reason}`, new Date(Date.now() + 2000));
  }
}
