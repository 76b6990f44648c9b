import "server-only";
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { sandboxMedia, sandboxMessages } from "../schema";

export type SandboxMessage = typeof sandboxMessages.$inferSelect;
export type NewSandboxMessage = typeof sandboxMessages.$inferInsert;
export type SandboxMessageChanges = Partial<Pick<SandboxMessage, "status" | "errorCode" | "errorMessage" | "dateSent" | "webhookError" | "body">>;

export async function insertSandboxMessage({ db, message }: { db: DbOrTx; message: NewSandboxMessage }): Promise<SandboxMessage> {
  const [row] = await db.insert(sandboxMessages).values(message).returning();
  return row!;
}

export async function getSandboxMessage({ db, sid, accountSid }: { db: DbOrTx; sid: string; accountSid?: string }): Promise<SandboxMessage | null> {
  const [row] = await db
    .select()
    .from(sandboxMessages)
    .where(and(eq(sandboxMessages.sid, sid), accountSid ? eq(sandboxMessages.accountSid, accountSid) : undefined));
  return row ?? null;
}

export interface MessageFilters {
  to?: string;
  from?: string;
  /** Sent on this UTC day, or before / on-or-after an instant ("DateSent<", "DateSent>"). */
  sentOn?: Date;
  sentBefore?: Date;
  sentAfter?: Date;
}

function dayAfter(day: Date): Date {
  return new Date(day.getTime() + 24 * 60 * 60 * 1000);
}

/** Newest first, as Twilio lists; `limit + 1` rows are read so the caller knows if more follow. */
export async function listSandboxMessages({
  db,
  accountSid,
  filters,
  limit,
  offset,
}: {
  db: DbOrTx;
  accountSid: string;
  filters: MessageFilters;
  limit: number;
  offset: number;
}): Promise<{ messages: SandboxMessage[]; hasMore: boolean }> {
  const conditions: Array<SQL | undefined> = [
    eq(sandboxMessages.accountSid, accountSid),
    filters.to ? eq(sandboxMessages.to, filters.to) : undefined,
    filters.from ? eq(sandboxMessages.from, filters.from) : undefined,
    filters.sentOn ? and(gte(sandboxMessages.dateSent, filters.sentOn), lt(sandboxMessages.dateSent, dayAfter(filters.sentOn))) : undefined,
    filters.sentBefore ? lt(sandboxMessages.dateSent, filters.sentBefore) : undefined,
    filters.sentAfter ? gte(sandboxMessages.dateSent, filters.sentAfter) : undefined,
  ];
  const rows = await db
    .select()
    .from(sandboxMessages)
    .where(and(...conditions))
    .orderBy(desc(sandboxMessages.dateCreated), desc(sandboxMessages.sid))
    .limit(limit + 1)
    .offset(offset);
  return { messages: rows.slice(0, limit), hasMore: rows.length > limit };
}

/**
 * Moves a message on only if it is still where the caller found it, so a job that runs
 * twice (a worker died after the commit) cannot move it twice.
 */
export async function moveSandboxMessage({
  db,
  sid,
  fromStatus,
  changes,
}: {
  db: DbOrTx;
  sid: string;
  fromStatus: string;
  changes: SandboxMessageChanges;
}): Promise<SandboxMessage | null> {
  const [row] = await db
    .update(sandboxMessages)
    .set({ ...changes, dateUpdated: new Date() })
    .where(and(eq(sandboxMessages.sid, sid), eq(sandboxMessages.status, fromStatus)))
    .returning();
  return row ?? null;
}

export async function updateSandboxMessage({ db, sid, changes }: { db: DbOrTx; sid: string; changes: SandboxMessageChanges }): Promise<SandboxMessage | null> {
  const [row] = await db
    .update(sandboxMessages)
    .set({ ...changes, dateUpdated: new Date() })
    .where(eq(sandboxMessages.sid, sid))
    .returning();
  return row ?? null;
}

/** Deletes a message and its media together. */
export async function deleteSandboxMessage({ db, accountSid, sid }: { db: DbOrTx; accountSid: string; sid: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.delete(sandboxMedia).where(and(eq(sandboxMedia.messageSid, sid), eq(sandboxMedia.accountSid, accountSid)));
    const rows = await tx
      .delete(sandboxMessages)
      .where(and(eq(sandboxMessages.sid, sid), eq(sandboxMessages.accountSid, accountSid)))
      .returning({ sid: sandboxMessages.sid });
    return rows.length > 0;
  });
}

/** A handset's conversation with one business number, oldest first, as a phone shows it. */
export async function listSandboxConversation({
  db,
  handset,
  business,
  limit,
}: {
  db: DbOrTx;
  handset: string;
  business: string;
  limit: number;
}): Promise<SandboxMessage[]> {
  const rows = await db
    .select()
    .from(sandboxMessages)
    .where(
      or(
        and(eq(sandboxMessages.from, handset), eq(sandboxMessages.to, business)),
        and(eq(sandboxMessages.from, business), eq(sandboxMessages.to, handset)),
      ),
    )
    .orderBy(desc(sandboxMessages.dateCreated), desc(sandboxMessages.sid))
    .limit(limit);
  return rows.reverse();
}

/** The customer phones that texted or were texted by these business numbers, latest first. */
export async function listSandboxHandsets({ db, businessNumbers, limit }: { db: DbOrTx; businessNumbers: string[]; limit: number }): Promise<string[]> {
  if (businessNumbers.length === 0) return [];
  const sides = db
    .select({
      handset: sql<string>`case when ${inArray(sandboxMessages.from, businessNumbers)} then ${sandboxMessages.to} else ${sandboxMessages.from} end`.as("handset"),
      dateCreated: sandboxMessages.dateCreated,
    })
    .from(sandboxMessages)
    .where(or(inArray(sandboxMessages.from, businessNumbers), inArray(sandboxMessages.to, businessNumbers)))
    .as("sides");
  const rows = await db
    .select({ handset: sides.handset })
    .from(sides)
    .groupBy(sides.handset)
    .orderBy(desc(sql`max(${sides.dateCreated})`))
    .limit(limit);
  return rows.map((row) => row.handset);
}
