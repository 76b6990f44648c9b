import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { attachments, messages, users, type Message, type MessageStatus } from "../schema";
import { beforeKeyset, encodeCursor, keysetStamp, type Keyset } from "./cursor";

export interface AttachmentMeta {
  id: string;
  status: "pending" | "stored" | "unsupported" | "failed";
  contentType: string;
  fileName: string;
  size: number;
  error: string | null;
}

export interface ThreadMessage {
  id: string;
  direction: "inbound" | "outbound" | "note";
  body: string;
  status: MessageStatus;
  errorCode: number | null;
  errorMessage: string | null;
  author: { id: string; name: string } | null;
  ruleName: string | null;
  policyOverride: string | null;
  createdAt: string;
  attachments: AttachmentMeta[];
}

export interface ThreadPage {
  /** Oldest first, as the conversation reads. */
  messages: ThreadMessage[];
  /** Where the page starts, for the events that belong beside it; null when it reaches the first message. */
  startStamp: string | null;
  earlierCursor: string | null;
}

/** The latest `limit` messages before `before` (or the very latest), with attachment metadata but no bytes. */
export async function listThreadMessages({ db, ticketId, before, limit }: { db: DbOrTx; ticketId: string; before?: Keyset | null; limit: number }): Promise<ThreadPage> {
  const rows = await db
    .select({
      message: messages,
      stamp: keysetStamp(messages.createdAt),
      authorName: users.name,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(and(eq(messages.ticketId, ticketId), before ? beforeKeyset(messages.createdAt, messages.id, before) : undefined))
    .orderBy(sql`${messages.createdAt} desc`, sql`${messages.id} desc`)
    .limit(limit + 1);
  const page = rows.slice(0, limit).reverse();
  const ids = page.map((row) => row.message.id);
  const files = ids.length
    ? await db
        .select({
          id: attachments.id,
          messageId: attachments.messageId,
          status: attachments.status,
          contentType: attachments.contentType,
          fileName: attachments.fileName,
          size: attachments.size,
          error: attachments.error,
        })
        .from(attachments)
        .where(inArray(attachments.messageId, ids))
        .orderBy(asc(attachments.position))
    : [];
  const first = page[0];
  const hasEarlier = rows.length > limit;
  return {
    messages: page.map(({ message, authorName }) => ({
      id: message.id,
      direction: message.direction,
      body: message.body,
      status: message.status,
      errorCode: message.errorCode,
      errorMessage: message.errorMessage,
      author: message.authorId ? { id: message.authorId, name: authorName ?? "Former user" } : null,
      ruleName: message.ruleName,
      policyOverride: message.policyOverride,
      createdAt: message.createdAt.toISOString(),
      attachments: files.filter((file) => file.messageId === message.id).map(({ messageId: _, ...file }) => file),
    })),
    startStamp: hasEarlier && first ? first.stamp : null,
    earlierCursor: hasEarlier && first ? encodeCursor({ at: first.stamp, id: first.message.id }) : null,
  };
}

export async function getMessage({ db, id }: { db: DbOrTx; id: string }): Promise<Message | null> {
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row ?? null;
}

export type NewMessage = Pick<Message, "ticketId" | "direction" | "body" | "status"> &
  Partial<Pick<Message, "fromE164" | "toE164" | "authorId" | "ruleId" | "ruleName" | "policyOverride">>;

export async function insertMessage({ db, message }: { db: DbOrTx; message: NewMessage }): Promise<Message> {
  const [row] = await db.insert(messages).values(message).returning();
  return row!;
}

export interface NewAttachmentFile {
  contentType: string;
  fileName: string;
  data: Buffer;
}

export async function insertStoredAttachments({ db, messageId, files }: { db: DbOrTx; messageId: string; files: NewAttachmentFile[] }): Promise<void> {
  if (files.length === 0) return;
  await db.insert(attachments).values(
    files.map((file, position) => ({
      messageId,
      position,
      status: "stored" as const,
      contentType: file.contentType,
      fileName: file.fileName,
      size: file.data.length,
      data: file.data,
    })),
  );
}

/**
 * Takes a pending message for sending. Only one caller gets the row back: a second
 * worker, in this process or another, finds it no longer pending and sends nothing.
 */
export async function claimMessageForSending({ db, id }: { db: DbOrTx; id: string }): Promise<Message | null> {
  const [row] = await db
    .update(messages)
    .set({ status: "sending", sendAttempts: sql`${messages.sendAttempts} + 1`, statusChangedAt: sql`now()` })
    .where(and(eq(messages.id, id), eq(messages.status, "pending")))
    .returning();
  return row ?? null;
}

/** Records Twilio's answer for the attempt this worker claimed. */
export async function recordSendResult({
  db,
  id,
  changes,
}: {
  db: DbOrTx;
  id: string;
  changes: Partial<Pick<Message, "status" | "twilioSid" | "errorCode" | "errorMessage">>;
}): Promise<Message | null> {
  const [row] = await db
    .update(messages)
    .set({ ...changes, statusChangedAt: sql`now()` })
    .where(and(eq(messages.id, id), eq(messages.status, "sending"), isNull(messages.twilioSid)))
    .returning();
  return row ?? null;
}

/** Back to pending for another attempt; only from a status that allows it. */
export async function resetMessageForRetry({ db, id, from }: { db: DbOrTx; id: string; from: MessageStatus[] }): Promise<Message | null> {
  const [row] = await db
    .update(messages)
    .set({ status: "pending", twilioSid: null, errorCode: null, errorMessage: null, statusChangedAt: sql`now()` })
    .where(and(eq(messages.id, id), inArray(messages.status, from)))
    .returning();
  return row ?? null;
}

/** Which of these Twilio SIDs are already some message's. */
export async function listKnownTwilioSids({ db, sids }: { db: DbOrTx; sids: string[] }): Promise<Set<string>> {
  if (sids.length === 0) return new Set();
  const rows = await db.select({ sid: messages.twilioSid }).from(messages).where(inArray(messages.twilioSid, sids));
  return new Set(rows.map((row) => row.sid).filter((sid): sid is string => sid !== null));
}

export interface ArrivedMessage {
  id: string;
  direction: "inbound" | "outbound" | "note";
  body: string;
  authorName: string | null;
  createdAt: string;
}

/**
 * What the customer or other agents wrote on a ticket after `afterMessageId`, oldest first:
 * the news an agent who began writing then has not answered. Rules' automatic replies and
 * the agent's own messages are left out. Nothing when that message is not on the ticket.
 */
export async function listMessagesArrivedAfter({
  db,
  ticketId,
  afterMessageId,
  exceptAuthorId,
  limit = 5,
}: {
  db: DbOrTx;
  ticketId: string;
  afterMessageId: string;
  exceptAuthorId: string;
  limit?: number;
}): Promise<ArrivedMessage[]> {
  const basis = sql`(select b.created_at, b.id from ${messages} b where b.id = ${afterMessageId} and b.ticket_id = ${ticketId})`;
  const rows = await db
    .select({ id: messages.id, direction: messages.direction, body: messages.body, authorName: users.name, createdAt: messages.createdAt })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(
      and(
        eq(messages.ticketId, ticketId),
        isNull(messages.ruleId),
        sql`${messages.authorId} is distinct from ${exceptAuthorId}`,
        sql`(${messages.createdAt}, ${messages.id}) > ${basis}`,
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}
