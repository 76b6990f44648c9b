import type { DbOrTx } from "@/db/client";
import { clearThrottle, countThrottledAttempt, getThrottleLock, uncountThrottledAttempt, type ThrottlePolicy } from "@/db/queries/sign-in-throttles";

/** Per email: 5 attempts in 15 minutes, then a lock of 30 s, doubling, at most 15 minutes. */
export const EMAIL_POLICY: ThrottlePolicy = { freeAttempts: 5, windowSeconds: 15 * 60, firstLockSeconds: 30 };
/** Per client address: more room, since one office or phone network signs in a whole team. */
export const ADDRESS_POLICY: ThrottlePolicy = { freeAttempts: 30, windowSeconds: 15 * 60, firstLockSeconds: 30 };

export type ThrottleScope = "email" | "address";

export function waitMessage(until: Date, scope: ThrottleScope = "email", now = new Date()): string {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const wait = seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  const what = scope === "email" ? "for this email" : "from your network";
  return `Too many failed sign-ins ${what}. Wait ${wait}, then try again.`;
}

/** A sign-in attempt that was counted and may go on to the password check. */
export interface CountedAttempt {
  emailKey: string;
  addressKey: string;
  /** The lock this attempt set (it was the last free one), shown if its password is wrong. */
  lock: { until: Date; scope: ThrottleScope } | null;
}

export type AttemptVerdict = { refused: { until: Date; scope: ThrottleScope } } | { counted: CountedAttempt };

async function refusal(db: DbOrTx, key: string, scope: ThrottleScope) {
  // The lock can lapse between the two statements; a second is what it had left.
  const until = (await getThrottleLock({ db, key })) ?? new Date(Date.now() + 1000);
  return { refused: { until, scope } };
}

/**
 * Counts a sign-in attempt against the client's address and then the email, before any
 * password is checked, whether or not the email belongs to anyone. Refuses it while either
 * is locked; an attempt the email's lock refuses is not held against the address.
 */
export async function countSignInAttempt({ db, email, address }: { db: DbOrTx; email: string; address: string }): Promise<AttemptVerdict> {
  const addressKey = `ip:${address}`;
  const emailKey = `email:${email.trim().toLowerCase()}`;
  const byAddress = await countThrottledAttempt({ db, key: addressKey, policy: ADDRESS_POLICY });
  if (!byAddress) return refusal(db, addressKey, "address");
  const byEmail = await countThrottledAttempt({ db, key: emailKey, policy: EMAIL_POLICY });
  if (!byEmail) {
    await uncountThrottledAttempt({ db, key: addressKey, policy: ADDRESS_POLICY });
    return refusal(db, emailKey, "email");
  }
  const lock = byEmail.lockedUntil
    ? { until: byEmail.lockedUntil, scope: "email" as const }
    : byAddress.lockedUntil
      ? { until: byAddress.lockedUntil, scope: "address" as const }
      : null;
  return { counted: { emailKey, addressKey, lock } };
}

/** The password was right: the email starts afresh, and the address gets its attempt back. */
export async function signInSucceeded({ db, attempt }: { db: DbOrTx; attempt: CountedAttempt }): Promise<void> {
  await clearThrottle({ db, key: attempt.emailKey });
  await uncountThrottledAttempt({ db, key: attempt.addressKey, policy: ADDRESS_POLICY });
}

/** A password check outside the sign-in form (one's own password change, a reset link). */
export type EmailAttemptVerdict = { refused: { until: Date } } | { counted: { emailKey: string; lockedUntil: Date | null } };

/**
 * Counts a password check against the email's sign-in count before the password (or reset
 * secret) is checked, as a sign-in is, so these checks are no way around the throttle.
 */
export async function countEmailAttempt({ db, email }: { db: DbOrTx; email: string }): Promise<EmailAttemptVerdict> {
  const emailKey = `email:${email.trim().toLowerCase()}`;
  const counted = await countThrottledAttempt({ db, key: emailKey, policy: EMAIL_POLICY });
  if (!counted) return { refused: { until: (await getThrottleLock({ db, key: emailKey })) ?? new Date(Date.now() + 1000) } };
  return { counted: { emailKey, lockedUntil: counted.lockedUntil } };
}

/** The email's password was right: its count starts afresh. */
export async function emailAttemptSucceeded({ db, emailKey }: { db: DbOrTx; emailKey: string }): Promise<void> {
  await clearThrottle({ db, key: emailKey });
}

/** When the email is locked now, or null. */
export async function emailLockedUntil({ db, email }: { db: DbOrTx; email: string }): Promise<Date | null> {
  return getThrottleLock({ db, key: `email:${email.trim().toLowerCase()}` });
}
