import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { loginAttempts } from "@/db/schema";

export const FREE_ATTEMPTS = 5;
const WINDOW_MS = 15 * 60 * 1000;

/** Lock length after the free attempts: 30 s, then doubling, at most 15 minutes. */
export function lockDurationMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(30_000 * 2 ** (failures - FREE_ATTEMPTS), WINDOW_MS);
}

export function waitMessage(until: Date, now = new Date()): string {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const wait = seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many failed sign-ins for this email. Wait ${wait}, then try again.`;
}

/** Returns when the email may try again, or null if it may try now. */
export async function signInLockedUntil({ db, email }: { db: DbOrTx; email: string }): Promise<Date | null> {
  const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.email, email.toLowerCase()));
  if (!row?.lockedUntil || row.lockedUntil.getTime() <= Date.now()) return null;
  return row.lockedUntil;
}

export async function recordFailedSignIn({ db, email }: { db: DbOrTx; email: string }): Promise<void> {
  const key = email.toLowerCase();
  // Raw SQL gets an ISO string: drivers differ in how they bind a Date inside sql``.
  const windowStart = sql`${new Date(Date.now() - WINDOW_MS).toISOString()}::timestamptz`;
  const [row] = await db
    .insert(loginAttempts)
    .values({ email: key, failures: 1 })
    .onConflictDoUpdate({
      target: loginAttempts.email,
      set: {
        failures: sql`case when ${loginAttempts.windowStartedAt} < ${windowStart} then 1 else ${loginAttempts.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginAttempts.windowStartedAt} < ${windowStart} then now() else ${loginAttempts.windowStartedAt} end`,
      },
    })
    .returning();
  const lockMs = lockDurationMs(row?.failures ?? 1);
  if (lockMs > 0) {
    await db.update(loginAttempts).set({ lockedUntil: new Date(Date.now() + lockMs) }).where(eq(loginAttempts.email, key));
  }
}

export async function clearFailedSignIns({ db, email }: { db: DbOrTx; email: string }): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.email, email.toLowerCase()));
}
