import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";

export interface SessionToken {
  sub?: string;
  signedInAt?: unknown;
}

/**
 * The user a session token stands for, if it still counts: the user exists, is active,
 * and signed in after their sessions were last revoked (deactivation revokes them all).
 */
export async function sessionUserFromToken(token: SessionToken | null): Promise<User | null> {
  if (!token?.sub) return null;
  const user = await getUserById({ db: await getDb(), id: token.sub });
  if (!user?.active) return null;
  const signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
  if (user.sessionsValidFrom && signedInAt < user.sessionsValidFrom.getTime()) return null;
  return user;
}
