import { getDb } from "@/db";
import { getUserByEmail } from "@/db/queries/users";
import { log } from "@/lib/log";
import { PasswordChecksBusy, verifyAgainstNothing, verifyPassword } from "./password";
import { countSignInAttempt, signInSucceeded, waitMessage } from "./throttle";
import { credentialsSchema } from "./validation";

export const WRONG_CREDENTIALS = "Wrong email or password.";

/** Messages meant for the person signing in; anything else is logged and replaced. */
export class SignInRefused extends Error {}

/**
 * Checks an email and password from `address`. The attempt is counted before the password
 * is checked, and an unknown email costs the same hash compare as a known one, so neither
 * parallel guesses nor timing get past the throttle.
 */
export async function signInWithPassword(raw: Record<string, string> | undefined, address: string) {
  const parsed = credentialsSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new SignInRefused("Enter your email and password.");
  const { email, password } = parsed.data;
  const db = await getDb();
  const verdict = await countSignInAttempt({ db, email, address });
  if ("refused" in verdict) throw new SignInRefused(waitMessage(verdict.refused.until, verdict.refused.scope));
  const attempt = verdict.counted;

  const user = await getUserByEmail({ db, email });
  const valid = await (user ? verifyPassword(password, user.passwordHash) : verifyAgainstNothing(password)).catch((error: unknown) => {
    if (error instanceof PasswordChecksBusy) throw new SignInRefused("Many people are signing in right now. Try again in a minute.");
    throw error;
  });
  if (!user || !valid) {
    log.info({ event: "sign_in_failed" }, "sign-in failed");
    throw new SignInRefused(attempt.lock ? waitMessage(attempt.lock.until, attempt.lock.scope) : WRONG_CREDENTIALS);
  }
  await signInSucceeded({ db, attempt });
  if (!user.active) throw new SignInRefused("This account is deactivated. Ask an admin to reactivate it.");
  log.info({ event: "sign_in", userId: user.id }, "signed in");
  return { id: user.id, name: user.name, email: user.email };
}
