import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import type { User } from "@/db/schema";
import { SESSION_COOKIES, SESSION_MAX_AGE_SECONDS } from "./cookies";
import { getAuthSecret } from "./secret";

/**
 * Gives the current browser a new session cookie stamped `signedInAt`, for a server action
 * that has just ended the user's other sessions (a password change): this one stays.
 * Written under the cookie name the browser already uses, with next-auth's attributes.
 */
export async function reissueSessionCookie({ user, signedInAt }: { user: User; signedInAt: Date }): Promise<void> {
  const store = await cookies();
  const name = SESSION_COOKIES.find((cookie) => store.has(cookie)) ?? SESSION_COOKIES[1]!;
  const token = await encode({
    token: { sub: user.id, name: user.name, email: user.email, signedInAt: signedInAt.getTime() },
    secret: await getAuthSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  store.set(name, token, { httpOnly: true, sameSite: "lax", path: "/", secure: name.startsWith("__Secure-"), maxAge: SESSION_MAX_AGE_SECONDS });
}
