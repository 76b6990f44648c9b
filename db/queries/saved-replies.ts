import "server-only";
import { and, asc, eq, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx, Transaction } from "../client";
import { macroRuns, savedReplies, type MacroRun, type SavedReply } from "../schema";

const byTitle = [sql`lower(${savedReplies.title})`, asc(savedReplies.createdAt)] as const;

/** Every saved reply and macro, everyone's and each agent's own, by title: the admins' settings page. */
export async function listSavedReplies({ db }: { db: DbOrTx }): Promise<SavedReply[]> {
  return db.select().from(savedReplies).orderBy(...byTitle);
}

/** What one agent may use: everyone's, and their own. */
export async function listSavedRepliesFor({ db, userId }: { db: DbOrTx; userId: string }): Promise<SavedReply[]> {
  return db
    .select()
    .from(savedReplies)
    .where(or(isNull(savedReplies.ownerId), eq(savedReplies.ownerId, userId)))
    .orderBy(...byTitle);
}

/** One agent's own macros and saved replies. */
export async function listOwnSavedReplies({ db, userId }: { db: DbOrTx; userId: string }): Promise<SavedReply[]> {
  return db.select().from(savedReplies).where(eq(savedReplies.ownerId, userId)).orderBy(...byTitle);
}

export async function getSavedReply({ db, id }: { db: DbOrTx; id: string }): Promise<SavedReply | null> {
  const [row] = await db.select().from(savedReplies).where(eq(savedReplies.id, id));
  return row ?? null;
}

/**
 * Another saved reply with this title, in any case ("Refund" and "refund" are one title), among
 * those the same people see: everyone's, plus the owner's own when `ownerId` is set.
 * Takes a lock until the transaction ends, so two people saving one title at once are told apart.
 */
export async function findSavedReplyWithTitle({
  tx,
  title,
  ownerId,
  exceptId,
}: {
  tx: Transaction;
  title: string;
  ownerId: string | null;
  exceptId?: string;
}): Promise<SavedReply | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('saved_replies.title'))`);
  const conditions: (SQL | undefined)[] = [
    sql`lower(${savedReplies.title}) = lower(${title})`,
    ownerId ? or(isNull(savedReplies.ownerId), eq(savedReplies.ownerId, ownerId)) : undefined,
    exceptId ? ne(savedReplies.id, exceptId) : undefined,
  ];
  const [row] = await tx
    .select()
    .from(savedReplies)
    .where(and(...conditions))
    .limit(1);
  return row ?? null;
}

interface SavedReplyValues {
  title: string;
  body: string;
  actions: unknown[];
}

export async function insertSavedReply({ db, values }: { db: DbOrTx; values: SavedReplyValues & { createdBy: string | null; ownerId: string | null } }): Promise<SavedReply> {
  const [row] = await db.insert(savedReplies).values(values).returning();
  return row!;
}

export async function updateSavedReply({ db, id, values }: { db: DbOrTx; id: string; values: SavedReplyValues }): Promise<SavedReply | null> {
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

/**
 * Records that a macro's application `id` ran on this ticket; null when it ran already (the
 * row is there), so a repeated send or Apply does nothing twice. A twin arriving at the same
 * time waits on the primary key until this transaction ends, then finds the row.
 */
export async function claimMacroRun({ tx, run }: { tx: Transaction; run: { id: string; savedReplyId: string; ticketId: string; userId: string } }): Promise<boolean> {
  const inserted = await tx.insert(macroRuns).values(run).onConflictDoNothing().returning({ id: macroRuns.id });
  return inserted.length > 0;
}

export async function getMacroRun({ db, id }: { db: DbOrTx; id: string }): Promise<MacroRun | null> {
  const [row] = await db.select().from(macroRuns).where(eq(macroRuns.id, id));
  return row ?? null;
}

export async function setMacroRunMessage({ tx, id, messageId }: { tx: Transaction; id: string; messageId: string }): Promise<void> {
  await tx.update(macroRuns).set({ messageId }).where(eq(macroRuns.id, id));
}

/** Macros with an action naming the tag (add or remove), locked until the transaction ends, by title. */
export async function listSavedRepliesUsingTag({ tx, name }: { tx: Transaction; name: string }): Promise<SavedReply[]> {
  return tx
    .select()
    .from(savedReplies)
    .where(
      or(
        sql`${savedReplies.actions} @> jsonb_build_array(jsonb_build_object('type', 'add_tag', 'tag', ${name}::text))`,
        sql`${savedReplies.actions} @> jsonb_build_array(jsonb_build_object('type', 'remove_tag', 'tag', ${name}::text))`,
      ),
    )
    .orderBy(...byTitle)
    .for("update");
}

export async function setSavedReplyActions({ tx, id, actions }: { tx: Transaction; id: string; actions: unknown[] }): Promise<void> {
  await tx.update(savedReplies).set({ actions, updatedAt: sql`now()` }).where(eq(savedReplies.id, id));
}
