import type { Database, DbOrTx } from "@/db/client";
import { env } from "@/env";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { getSandboxNumberByPhone } from "@/db/queries/sandbox-numbers";
import { listSandboxMedia } from "@/db/queries/sandbox-media";
import { getSandboxMessage, updateSandboxMessage, type SandboxMessage } from "@/db/queries/sandbox-messages";
import type { JobHandler } from "@/lib/jobs/catalog";
import { describeRefusal, NOT_ACCEPTED_HEADER } from "@/lib/inbound/refusal";
import { log } from "@/lib/log";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { getSandboxCredentials } from "@/lib/twilio/credentials";
import { SandboxError } from "./errors";
import { inboundWebhookParams } from "./inbound-params";
import { sendSignedRequest } from "./outgoing";
import { queueOutboundMessage } from "./outbound";
import { runJobsSoon } from "./schedule";
import { readTwimlMessages } from "./twiml-reply";

export const DELIVER_JOB = "sandbox.deliver";
export const NO_WEBHOOK = "This number has no SMS webhook configured.";

type Stage = "primary" | "retry" | "fallback";

function webhookTimeoutMs(): number {
  return env().SANDBOX_WEBHOOK_TIMEOUT_MS;
}

/** Schedules delivery of an inbound message to the app, in the caller's transaction. */
export async function enqueueDelivery({ db, sid, stage }: { db: DbOrTx; sid: string; stage: Stage }): Promise<void> {
  await enqueueJob({ db, job: { kind: DELIVER_JOB, payload: { sid, stage }, dedupeKey: `${DELIVER_JOB}:${sid}:${stage}`, maxAttempts: 3 } });
}

async function record(db: Database, message: SandboxMessage, webhookError: string | null, done: boolean, next?: Stage): Promise<void> {
  await db.transaction(async (tx) => {
    await updateSandboxMessage({ db: tx, sid: message.sid, changes: { webhookError, ...(done ? { status: "received" } : {}) } });
    if (next) await enqueueDelivery({ db: tx, sid: message.sid, stage: next });
    await publishInboxEvent({ db: tx, event: { type: "sandbox.updated", handset: message.from } });
  });
  if (next) runJobsSoon();
}

/** Sends what the app's TwiML answer asked for, as replies to the customer. */
async function sendTwimlReplies(db: Database, message: SandboxMessage, body: string): Promise<string | null> {
  for (const reply of readTwimlMessages(body)) {
    try {
      await queueOutboundMessage({
        db,
        request: {
          accountSid: message.accountSid,
          from: reply.from ?? message.to,
          to: reply.to ?? message.from,
          body: reply.body,
          mediaUrls: reply.mediaUrls,
          direction: "outbound-reply",
        },
      });
    } catch (error) {
      if (error instanceof SandboxError) return `The app's TwiML reply could not be sent: ${error.message} (${error.code})`;
      throw error;
    }
  }
  return null;
}

/**
 * Delivers an inbound message to the number's SmsUrl as Twilio does. No 2xx within the
 * timeout: one retry, then the SmsFallbackUrl if there is one; every failure is recorded
 * on the message, where the phone simulator shows it.
 */
export const runDeliverJob: JobHandler<"sandbox.deliver"> = async ({ db, payload }) => {
  const { sid, stage } = payload;
  const message = await getSandboxMessage({ db, sid });
  if (!message) return;
  const number = await getSandboxNumberByPhone({ db, phoneNumber: message.to });
  if (!number?.smsUrl) return record(db, message, NO_WEBHOOK, true);

  const fallback = stage === "fallback";
  const url = fallback ? number.smsFallbackUrl : number.smsUrl;
  const method = (fallback ? number.smsFallbackMethod : number.smsMethod) === "GET" ? "GET" : "POST";
  const media = await listSandboxMedia({ db, messageSids: [message.sid] });
  const { authToken } = await getSandboxCredentials();
  const result = await sendSignedRequest({ url, method, params: inboundWebhookParams(message, media), authToken, timeoutMs: webhookTimeoutMs() });

  if (result.ok) {
    // The inbox answered 200 but did not take the text (a country it does not allow, a passcode, …): say so, not "Delivered".
    const notAccepted = result.headers.get(NOT_ACCEPTED_HEADER);
    const refused = notAccepted ? describeRefusal(notAccepted) : null;
    if (refused) return record(db, message, `Not accepted by the inbox: ${refused}`, true);
    const replyError = result.body.trim() ? await sendTwimlReplies(db, message, result.body) : null;
    return record(db, message, replyError, true);
  }
  log.warn({ messageSid: sid, stage, reason: result.reason }, "sandbox webhook delivery failed");
  const which = fallback ? "The SMS fallback URL" : "The app's SMS webhook";
  if (stage === "primary") return record(db, message, `${which} ${result.reason}. Trying once more…`, false, "retry");
  if (stage === "retry" && number.smsFallbackUrl) {
    return record(db, message, `${which} ${result.reason}, twice. Trying the fallback URL…`, false, "fallback");
  }
  const tries = stage === "retry" ? ", twice" : "";
  return record(db, message, `${which} ${result.reason}${tries}. The message did not reach the app.`, true);
}
