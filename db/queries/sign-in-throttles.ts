import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { signInThrottles } from "../schema";

export interface ThrottlePolicy {
  /** Attempts allowed in a window before the key is locked. */
  freeAttempts: number;
  windowSeconds: number;
  /** The first lock; each further attempt that gets through doubles it, up to the window. */
  firstLockSeconds: number;
}

/**
 * Counts one attempt against `key` unless the key is locked, and locks it once the count
 * reaches the policy's limit, in one statement: the row lock taken by the upsert orders
 * parallel attempts, so no two of them read the same count. Returns the attempt count
 * and the lock after this attempt, or null when the key was already locked (the attempt
 * was not counted).
 */
export async function countThrottledAttempt({ db, key, policy }: { db: DbOrTx; key: string; policy: ThrottlePolicy }) {
  const t = signInThrottles;
  const window = sql`make_interval(secs => ${policy.windowSeconds})`;
  const windowOver = sql`${t.windowStartedAt} < now() - ${window}`;
  const attempts = sql`(case when ${windowOver} then 1 else ${t.failures} + 1 end)`;
  const lockFor = (count: unknown) =>
    sql`(case when ${count} >= ${policy.freeAttempts}
      then now() + least(make_interval(secs => ${policy.firstLockSeconds} * power(2, least(${count} - ${policy.freeAttempts}, 12))), ${window})
      end)`;
  const [row] = await db
    .insert(t)
    .values({ key, failures: 1, lockedUntil: sql`${lockFor(sql`1`)}` })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: attempts,
        windowStartedAt: sql`case when ${windowOver} then now() else ${t.windowStartedAt} end`,
        lockedUntil: lockFor(attempts),
      },
      setWhere: sql`${t.lockedUntil} is null or ${t.lockedUntil} <= now()`,
    })
    .returning({ attempts: t.failures, lockedUntil: t.lockedUntil });
  return row ?? null;
}

export async function getThrottleLock({ db, key }: { db: DbOrTx; key: string }): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .where(sql`${signInThrottles.key} = ${key} and ${signInThrottles.lockedUntil} > now()`);
  return row?.lockedUntil ?? null;
}

/** Takes back one counted attempt (one that succeeded), and the lock it may have set. */
export async function uncountThrottledAttempt({ db, key, policy }: { db: DbOrTx; key: string; policy: ThrottlePolicy }) {
  const t = signInThrottles;
  await db
    .update(t)
    .set({
      failures: sql`greatest(${t.failures} - 1, 0)`,
      lockedUntil: sql`case when ${t.failures} - 1 < ${policy.freeAttempts} then null else ${t.lockedUntil} end`,
    })
    .where(eq(t.key, key));
}

export async function clearThrottle({ db, key }: { db: DbOrTx; key: string }): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, key));
}
