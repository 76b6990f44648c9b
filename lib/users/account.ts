import type { Database } from "@/db/client";
import { deletePasswordResetsOf } from "@/db/queries/password-resets";
import { updateUser } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { countEmailAttempt, emailAttemptSucceeded, waitMessage } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export async function renameSelf({ db, user, name }: { db: Database; user: User; name: string }): Promise<User> {
  const updated = await updateUser({ db, id: user.id, changes: { name } });
  if (!updated) throw new AppError("not_found", "Your account no longer exists.");
  return updated;
}

/**
 * Changes the user's own password after checking the current one, which counts towards
 * sign-in throttling like a sign-in does. Every session issued before the change ends at its
 * next request; the caller re-issues its own session from the returned moment.
 */
export async function changeOwnPassword({
  db,
  user,
  currentPassword,
  newPassword,
}: {
  db: Database;
  user: User;
  currentPassword: string;
  newPassword: string;
}): Promise<{ sessionsValidFrom: Date }> {
  // Counted before the password is checked, like a sign-in, so parallel guesses share one count.
  const verdict = await countEmailAttempt({ db, email: user.email });
  if ("refused" in verdict) throw new AppError("too_many_requests", waitMessage(verdict.refused.until));
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    log.info({ event: "password_change_refused", userId: user.id }, "password change refused: wrong current password");
    if (verdict.counted.lockedUntil) throw new AppError("too_many_requests", waitMessage(verdict.counted.lockedUntil));
    const message = "That is not your current password.";
    throw new AppError("bad_request", message, { currentPassword: message });
  }
  if (newPassword === currentPassword) {
    const message = "Choose a password different from your current one.";
    throw new AppError("bad_request", message, { newPassword: message });
  }
  const passwordHash = await hashPassword(newPassword);
  const sessionsValidFrom = new Date();
  await db.transaction(async (tx) => {
    await updateUser({ db: tx, id: user.id, changes: { passwordHash, sessionsValidFrom } });
    await deletePasswordResetsOf({ db: tx, userId: user.id });
  });
  await emailAttemptSucceeded({ db, emailKey: verdict.counted.emailKey });
  log.info({ event: "password_changed", userId: user.id }, "password changed");
  return { sessionsValidFrom };
}
