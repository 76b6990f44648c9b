import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { getUserByEmail } from "@/db/queries/users";
import { publicBaseUrl } from "@/lib/config/env";
import { describeError, log } from "@/lib/log";
import { verifyAgainstNothing, verifyPassword } from "./password";
import { sessionUserFromToken } from "./token";
import { getAuthSecret } from "./secret";
import { clearFailedSignIns, recordFailedSignIn, signInLockedUntil, waitMessage } from "./throttle";
import { credentialsSchema } from "./validation";

export const WRONG_CREDENTIALS = "Wrong email or password.";

/** Messages meant for the person signing in; anything else is logged and replaced. */
class SignInRefused extends Error {}

async function authorize(raw: Record<string, string> | undefined) {
  try {
    return await checkCredentials(raw);
  } catch (error) {
    if (error instanceof SignInRefused) throw error;
    log.error({ err: describeError(error) }, "sign-in failed unexpectedly");
    throw new Error("Signing in is not possible right now. Try again in a moment.");
  }
}

async function checkCredentials(raw: Record<string, string> | undefined) {
  const parsed = credentialsSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new SignInRefused("Enter your email and password.");
  const { email, password } = parsed.data;
  const db = await getDb();
  const lockedUntil = await signInLockedUntil({ db, email });
  if (lockedUntil) throw new SignInRefused(waitMessage(lockedUntil));

  const user = await getUserByEmail({ db, email });
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNothing(password);
  if (!user || !valid) {
    await recordFailedSignIn({ db, email });
    log.info({ event: "sign_in_failed" }, "sign-in failed");
    const nowLocked = await signInLockedUntil({ db, email });
    throw new SignInRefused(nowLocked ? waitMessage(nowLocked) : WRONG_CREDENTIALS);
  }
  if (!user.active) throw new SignInRefused("This account is deactivated. Ask an admin to reactivate it.");
  await clearFailedSignIns({ db, email });
  log.info({ event: "sign_in", userId: user.id }, "signed in");
  return { id: user.id, name: user.name, email: user.email };
}

export async function getAuthOptions(): Promise<NextAuthOptions> {
  // next-auth builds redirect URLs from NEXTAUTH_URL; the public URL is the right default.
  process.env.NEXTAUTH_URL ??= publicBaseUrl();
  return {
    secret: await getAuthSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize,
      }),
    ],
    callbacks: {
      jwt: async ({ token, user }) => {
        if (user) return { ...token, sub: user.id, signedInAt: Date.now() };
        // next-auth re-issues the cookie from here: never for a session that was revoked.
        if (!(await sessionUserFromToken(token))) throw new Error("session revoked");
        return token;
      },
      session: ({ session, token }) => ({ ...session, userId: token.sub }),
    },
    logger: {
      error: (code) => log.error({ code }, "auth error"),
      warn: (code) => log.warn({ code }, "auth warning"),
      debug: () => {},
    },
  };
}
