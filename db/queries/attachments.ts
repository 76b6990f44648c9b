import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { attachments, messages, type Attachment } from "../schema";

export type AttachmentWithMessage = Attachment & { ticketId: string; direction: "inbound" | "outbound" | "note" };

/** One attachment with its bytes, and the ticket it belongs to. */
export async function getAttachment({ db, id }: { db: DbOrTx; id: string }): Promise<AttachmentWithMessage | null> {
  const [row] = await db
    .select({ attachment: attachments, ticketId: messages.ticketId, direction: messages.direction })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(eq(attachments.id, id));
  return row ? { ...row.attachment, ticketId: row.ticketId, direction: row.direction } : null;
}

/** Ids of a message's stored files, in order, for the media URLs Twilio fetches. */
export async function listStoredAttachmentIds({ db, messageId }: { db: DbOrTx; messageId: string }): Promise<string[]> {
  const rows = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.messageId, messageId), eq(attachments.status, "stored")))
    .orderBy(attachments.position);
  return rows.map((row) => row.id);
}

/** Puts a failed download back to pending; null unless it had failed. */
export async function markAttachmentPending({ db, id }: { db: DbOrTx; id: string }): Promise<Attachment | null> {
  const [row] = await db
    .update(attachments)
    .set({ status: "pending", error: null })
    .where(and(eq(attachments.id, id), inArray(attachments.status, ["failed"])))
    .returning();
  return row ?? null;
}
