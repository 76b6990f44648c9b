import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx, Transaction } from "../client";
import { savedReplies, type SavedReply } from "../schema";

/** Every saved reply, by title, for the settings page and the composer's menu. */
export async function listSavedReplies({ db }: { db: DbOrTx }): Promise<SavedReply[]> {
  return db.select().from(savedReplies).orderBy(sql`lower(${savedReplies.title})`, asc(savedReplies.createdAt));
}

export async function getSavedReply({ db, id }: { db: DbOrTx; id: string }): Promise<SavedReply | null> {
  const [row] = await db.select().from(savedReplies).where(eq(savedReplies.id, id));
  return row ?? null;
}

/**
 * Another saved reply with this title, in any case ("Refund" and "refund" are one title).
 * Takes a lock until the transaction ends, so two admins saving one title at once are told apart.
 */
export async function findSavedReplyWithTitle({ tx, title, exceptId }: { tx: Transaction; title: string; exceptId?: string }): Promise<SavedReply | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('saved_replies.title'))`);
  const sameTitle = sql`lower(${savedReplies.title}) = lower(${title})`;
  const [row] = await tx
    .select()
    .from(savedReplies)
    .where(exceptId ? and(sameTitle, ne(savedReplies.id, exceptId)) : sameTitle)
    .limit(1);
  return row ?? null;
}

export async function insertSavedReply({ db, values }: { db: DbOrTx; values: { title: string; body: string; createdBy: string | null } }): Promise<SavedReply> {
  const [row] = await db.insert(savedReplies).values(values).returning();
  return row!;
}

export async function updateSavedReply({ db, id, values }: { db: DbOrTx; id: string; values: { title: string; body: string } }): Promise<SavedReply | null> {
  const [row] = await db
    .update(savedReplies)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(savedReplies.id, id))
    .returning();
  return row ?? null;
}

export async function deleteSavedReply({ db, id }: { db: DbOrTx; id: string }): Promise<boolean> {
  const deleted = await db.delete(savedReplies).where(eq(savedReplies.id, id)).returning({ id: savedReplies.id });
  return deleted.length > 0;
}
