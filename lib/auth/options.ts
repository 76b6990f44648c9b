import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { defaultNextAuthUrl } from "@/env";
import { publicBaseUrl, trustedProxyHops } from "@/lib/config/env";
import { describeError, log } from "@/lib/log";
import { clientAddress } from "./client-address";
import { getAuthSecret } from "./secret";
import { SignInRefused, signInWithPassword } from "./sign-in";
import { sessionUserFromToken } from "./token";

type HeaderBag = Record<string, string | string[] | undefined> | undefined;

async function authorize(raw: Record<string, string> | undefined, request?: { headers?: HeaderBag }) {
  const forwardedFor = request?.headers?.["x-forwarded-for"];
  const address = clientAddress(Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor, trustedProxyHops());
  try {
    return await signInWithPassword(raw, address);
  } catch (error) {
    if (error instanceof SignInRefused) throw error;
    log.error({ err: describeError(error) }, "sign-in failed unexpectedly");
    throw new Error("Signing in is not possible right now. Try again in a moment.");
  }
}

export async function getAuthOptions(): Promise<NextAuthOptions> {
  // next-auth builds redirect URLs from NEXTAUTH_URL; the public URL is the right default.
  defaultNextAuthUrl(publicBaseUrl());
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
