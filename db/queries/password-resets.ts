import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { passwordResets, type PasswordReset } from "../schema";

/** Stores a new link for the user; links made before it for that user stop working. */
export async function replacePasswordReset({
  db,
  reset,
}: {
  db: DbOrTx;
  reset: { userId: string; secretHash: string; createdById: string | null; expiresAt: Date };
}): Promise<PasswordReset> {
  await db.delete(passwordResets).where(eq(passwordResets.userId, reset.userId));
  const [row] = await db.insert(passwordResets).values(reset).returning();
  if (!row) throw new Error("The password reset was not stored.");
  return row;
}

export async function getPasswordReset({ db, id }: { db: DbOrTx; id: string }): Promise<PasswordReset | null> {
  const [row] = await db.select().from(passwordResets).where(eq(passwordResets.id, id));
  return row ?? null;
}

/** Marks the link used, once: of two requests racing with it, only one gets it back. */
export async function consumePasswordReset({ db, id }: { db: DbOrTx; id: string }): Promise<PasswordReset | null> {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.id, id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .returning();
  return row ?? null;
}

/** A changed password makes the user's outstanding links useless. */
export async function deletePasswordResetsOf({ db, userId }: { db: DbOrTx; userId: string }): Promise<void> {
  await db.delete(passwordResets).where(eq(passwordResets.userId, userId));
}
