import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx, Transaction } from "../client";
import { cannedReplies, type CannedReply } from "../schema";

/** Every saved reply, by title, for the settings page and the composer's menu. */
export async function listCannedReplies({ db }: { db: DbOrTx }): Promise<CannedReply[]> {
  return db.select().from(cannedReplies).orderBy(sql`lower(${cannedReplies.title})`, asc(cannedReplies.createdAt));
}

export async function getCannedReply({ db, id }: { db: DbOrTx; id: string }): Promise<CannedReply | null> {
  const [row] = await db.select().from(cannedReplies).where(eq(cannedReplies.id, id));
  return row ?? null;
}

/**
 * Another saved reply with this title, in any case ("Refund" and "refund" are one title).
 * Takes a lock until the transaction ends, so two admins saving one title at once are told apart.
 */
export async function findCannedReplyWithTitle({ tx, title, exceptId }: { tx: Transaction; title: string; exceptId?: string }): Promise<CannedReply | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('canned_replies.title'))`);
  const sameTitle = sql`lower(${cannedReplies.title}) = lower(${title})`;
  const [row] = await tx
    .select()
    .from(cannedReplies)
    .where(exceptId ? and(sameTitle, ne(cannedReplies.id, exceptId)) : sameTitle)
    .limit(1);
  return row ?? null;
}

export async function insertCannedReply({ db, values }: { db: DbOrTx; values: { title: string; body: string; createdBy: string | null } }): Promise<CannedReply> {
  const [row] = await db.insert(cannedReplies).values(values).returning();
  return row!;
}

export async function updateCannedReply({ db, id, values }: { db: DbOrTx; id: string; values: { title: string; body: string } }): Promise<CannedReply | null> {
  const [row] = await db
    .update(cannedReplies)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(cannedReplies.id, id))
    .returning();
  return row ?? null;
}

export async function deleteCannedReply({ db, id }: { db: DbOrTx; id: string }): Promise<boolean> {
  const deleted = await db.delete(cannedReplies).where(eq(cannedReplies.id, id)).returning({ id: cannedReplies.id });
  return deleted.length > 0;
}
