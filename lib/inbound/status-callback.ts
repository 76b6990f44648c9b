import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { messages } from "@/db/schema";
import { log } from "@/lib/log";
import { nextMessageStatus } from "@/lib/outbound/status";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { describeTwilioError } from "@/lib/twilio/error-codes";

export type StatusOutcome = "updated" | "unchanged" | "unknown_message";

/**
 * Applies one delivery-status callback. Callbacks arrive duplicated and out of order; the
 * update only lands if the row still has the status it was read with, so two callbacks
 * racing each other cannot move a message backwards.
 */
export async function applyStatusCallback({
  db,
  messageSid,
  status,
  errorCode,
  sentAs,
}: {
  db: Database;
  messageSid: string;
  status: string;
  errorCode?: string;
  /** The message and send attempt named in the callback URL the app gave Twilio. */
  sentAs?: { messageId: string; attempt: number };
}): Promise<StatusOutcome> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const message = (await findBySid(db, messageSid)) ?? (sentAs ? await findAttemptAwaitingSid(db, sentAs) : undefined);
    if (!message) {
      log.info({ messageSid, status }, "status callback for a message this app does not know");
      return "unknown_message";
    }
    const next = nextMessageStatus(message.status, status);
    if (!next) return "unchanged";
    const code = errorCode && /^\d+$/.test(errorCode) && errorCode !== "0" ? Number(errorCode) : null;
    const failed = next === "failed" || next === "undelivered";
    const updated = await db.transaction(async (tx) => {
      const rows = await tx
        .update(messages)
        .set({
          status: next,
          // A callback that beat Twilio's answer to the send: this is the message's SID.
          ...(message.twilioSid ? {} : { twilioSid: messageSid }),
          statusChangedAt: new Date(),
          ...(failed ? { errorCode: code, errorMessage: describeTwilioError(code) ?? "The carrier did not deliver this message." } : {}),
        })
        .where(message.twilioSid ? eqStatus(message.id, message.status) : and(eqStatus(message.id, message.status), isNull(messages.twilioSid)))
        .returning({ id: messages.id });
      if (rows.length > 0) await publishInboxEvent({ db: tx, event: { type: "message.updated", ticketId: message.ticketId, messageId: message.id } });
      return rows.length > 0;
    });
    if (updated) return "updated";
  }
  return "unchanged";
}

const columns = { id: messages.id, ticketId: messages.ticketId, status: messages.status, twilioSid: messages.twilioSid };

async function findBySid(db: Database, messageSid: string) {
  const [row] = await db.select(columns).from(messages).where(eq(messages.twilioSid, messageSid));
  return row;
}

/**
 * The message a callback's URL names, while its send is still waiting for Twilio's answer
 * (or timed out): same attempt, no SID yet. A late callback from an earlier attempt, before
 * an agent's retry, names another attempt and is ignored.
 */
async function findAttemptAwaitingSid(db: Database, sentAs: { messageId: string; attempt: number }) {
  const [row] = await db
    .select(columns)
    .from(messages)
    .where(
      and(
        eq(messages.id, sentAs.messageId),
        eq(messages.direction, "outbound"),
        eq(messages.sendAttempts, sentAs.attempt),
        isNull(messages.twilioSid),
        inArray(messages.status, ["sending", "unknown"]),
      ),
    );
  return row;
}

function eqStatus(id: string, status: (typeof messages.$inferSelect)["status"]) {
  return sql`${messages.id} = ${id} and ${messages.status} = ${status}`;
}
