import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { SESSION_COOKIES } from "./cookies";
import { getAuthSecret } from "./secret";
import { sessionUserFromToken } from "./token";

/**
 * The signed-in user, read fresh from the database on every request: a deactivated
 * user or a changed role takes effect at once, whatever the session cookie says.
 */
export async function getSessionUser(): Promise<User | null> {
  // Per request, never at build time: the session and the user come from this request.
  await connection();
  const store = await cookies();
  const raw = SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: await getAuthSecret() }).catch(() => null);
  return sessionUserFromToken(token);
}

/** For pages: sends anonymous visitors to sign in. */
export async function requireUser(): Promise<User> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages and server actions: agents get 403. */
export async function requireAdmin(): Promise<User> {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  return user;
}

/** For route handlers and actions that answer with data rather than a page. */
export async function authorizeRequest(role: "agent" | "admin" = "agent"): Promise<User> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  if (role === "admin" && user.role !== "admin") throw new AppError("forbidden", "Only admins can do this.");
  return user;
}
