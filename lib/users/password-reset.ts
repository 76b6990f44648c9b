import type { Database } from "@/db/client";
import { recordAuditEntry } from "@/db/queries/audit";
import { consumePasswordReset, getPasswordReset, replacePasswordReset } from "@/db/queries/password-resets";
import { getUserById, updateUser } from "@/db/queries/users";
import type { PasswordReset, User } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { countEmailAttempt, emailAttemptSucceeded, waitMessage } from "@/lib/auth/throttle";
import { passwordSchema } from "@/lib/auth/validation";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { publicBaseUrl } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { newResetSecret, parseResetToken, resetToken, secretMatches } from "./reset-token";

export const RESET_LINK_HOURS = 24;
export const LINK_UNKNOWN = "This password reset link does not work. Check that it was copied whole, or ask an admin for a new one.";
const LINK_USED = "This password reset link was already used. Ask an admin for a new one.";
const LINK_EXPIRED = "This password reset link has expired (links work for 24 hours). Ask an admin for a new one.";

export function resetLinkUrl(token: string): string {
  return `${publicBaseUrl()}/reset-password/${token}`;
}

/**
 * Makes a one-time link that lets the user choose a new password, for an admin to pass on
 * (no mail is sent). Earlier links for the user stop working. Only the secret's hash is
 * stored; the link itself is returned once and never logged.
 */
export async function makePasswordResetLink({
  db,
  userId,
  actor,
}: {
  db: Database;
  userId: string;
  /** The admin asking, or null for the server's command line. */
  actor: User | null;
}): Promise<{ url: string; expiresAt: Date; user: User }> {
  if (actor && actor.role !== "admin") throw new AppError("forbidden", "Only admins can reset passwords.");
  const user = await getUserById({ db, id: userId });
  if (!user) throw new AppError("not_found", "That user does not exist.");
  if (!user.active) throw new AppError("conflict", `${user.name} is deactivated. Reactivate them first.`);
  const { secret, secretHash } = newResetSecret();
  const expiresAt = new Date(Date.now() + RESET_LINK_HOURS * 3_600_000);
  const reset = await db.transaction(async (tx) => {
    const row = await replacePasswordReset({ db: tx, reset: { userId, secretHash, createdById: actor?.id ?? null, expiresAt } });
    await recordAuditEntry({
      db: tx,
      actorId: actor?.id ?? null,
      action: "user.password_reset_link_made",
      target: { userId, name: user.name, email: user.email },
      details: actor ? {} : { via: "command line" },
    });
    return row;
  });
  log.info({ event: "password_reset_link_made", userId, actorId: actor?.id ?? null }, "password reset link made");
  return { url: resetLinkUrl(resetToken(reset.id, secret)), expiresAt, user };
}

type LinkCheck = { reset: PasswordReset; user: User };

/** The link's row and user, or the reason it does not work. Counts nothing. */
async function findLink(db: Database, token: string): Promise<{ found: LinkCheck; secretOk: boolean } | null> {
  const parsed = parseResetToken(token);
  if (!parsed) return null;
  const reset = await getPasswordReset({ db, id: parsed.id });
  const user = reset ? await getUserById({ db, id: reset.userId }) : null;
  if (!reset || !user) return null;
  return { found: { reset, user }, secretOk: secretMatches(parsed.secret, reset.secretHash) };
}

function refusalFor({ reset, user }: LinkCheck, now = new Date()): string | null {
  if (reset.usedAt) return LINK_USED;
  if (reset.expiresAt.getTime() <= now.getTime()) return LINK_EXPIRED;
  if (!user.active) return "This account is deactivated. Ask an admin to reactivate it.";
  return null;
}

/** For the link's page: whom the link is for, or why it does not work. */
export async function checkPasswordResetLink({ db, token }: { db: Database; token: string }): Promise<{ ok: true; name: string; email: string } | { ok: false; message: string }> {
  const link = await findLink(db, token);
  if (!link?.secretOk) return { ok: false, message: LINK_UNKNOWN };
  const refusal = refusalFor(link.found);
  if (refusal) return { ok: false, message: refusal };
  return { ok: true, name: link.found.user.name, email: link.found.user.email };
}

/**
 * Sets the new password chosen through a reset link, once. Sign-in throttling applies: a
 * wrong secret counts as a failed sign-in for the link's user, and a locked email waits.
 * Every session the user had ends. Returns the email to sign in with.
 */
export async function redeemPasswordResetLink({ db, token, password }: { db: Database; token: string; password: string }): Promise<{ email: string }> {
  const link = await findLink(db, token);
  if (!link) throw new AppError("not_found", LINK_UNKNOWN);
  const { user } = link.found;
  // Counted before the secret is checked, like a sign-in, so parallel guesses share one count.
  const verdict = await countEmailAttempt({ db, email: user.email });
  if ("refused" in verdict) throw new AppError("too_many_requests", waitMessage(verdict.refused.until));
  if (!link.secretOk) {
    log.info({ event: "password_reset_refused", userId: user.id }, "password reset link refused");
    const nowLocked = verdict.counted.lockedUntil;
    throw new AppError(nowLocked ? "too_many_requests" : "not_found", nowLocked ? waitMessage(nowLocked) : LINK_UNKNOWN);
  }
  const refusal = refusalFor(link.found);
  if (refusal) throw new AppError("conflict", refusal);
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new AppError("bad_request", "Check the new password.", { password: fieldErrorsOf(parsed.error).form ?? "Choose another password." });

  const passwordHash = await hashPassword(parsed.data);
  await db.transaction(async (tx) => {
    if (!(await consumePasswordReset({ db: tx, id: link.found.reset.id }))) throw new AppError("conflict", LINK_USED);
    await updateUser({ db: tx, id: user.id, changes: { passwordHash, sessionsValidFrom: new Date() } });
  });
  await emailAttemptSucceeded({ db, emailKey: verdict.counted.emailKey });
  log.info({ event: "password_reset_used", userId: user.id }, "password changed with a reset link");
  return { email: user.email };
}
