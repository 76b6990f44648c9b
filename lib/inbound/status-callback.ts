import { eq, sql } from "drizzle-orm";
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
}: {
  db: Database;
  messageSid: string;
  status: string;
  errorCode?: string;
}): Promise<StatusOutcome> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [message] = await db
      .select({ id: messages.id, ticketId: messages.ticketId, status: messages.status })
      .from(messages)
      .where(eq(messages.twilioSid, messageSid));
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
          statusChangedAt: new Date(),
          ...(failed ? { errorCode: code, errorMessage: describeTwilioError(code) ?? "The carrier did not deliver this message." } : {}),
        })
        .where(eqStatus(message.id, message.status))
        .returning({ id: messages.id });
      if (rows.length > 0) await publishInboxEvent({ db: tx, event: { type: "message.updated", ticketId: message.ticketId, messageId: message.id } });
      return rows.length > 0;
    });
    if (updated) return "updated";
  }
  return "unchanged";
}

function eqStatus(id: string, status: (typeof messages.$inferSelect)["status"]) {
  return sql`${messages.id} = ${id} and ${messages.status} = ${status}`;
}
