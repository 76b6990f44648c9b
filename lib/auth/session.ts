import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getAuthOptions } from "./options";

/**
 * The signed-in user, read fresh from the database on every request: a deactivated
 * user or a changed role takes effect at once, whatever the session cookie says.
 */
export async function getSessionUser(): Promise<User | null> {
  // Per request, never at build time: the session and the user come from this request.
  await connection();
  const session = (await getServerSession(await getAuthOptions())) as { userId?: string; issuedAt?: number } | null;
  if (!session?.userId) return null;
  const user = await getUserById({ db: await getDb(), id: session.userId });
  if (!user?.active) return null;
  if (user.sessionsValidFrom && (session.issuedAt ?? 0) * 1000 < user.sessionsValidFrom.getTime() - 1000) return null;
  return user;
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
