import type { Database } from "@/db/client";
import { countUsers, insertUser } from "@/db/queries/users";
import { appSettings, type User } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";

/**
 * Creates the first admin, once. The setup marker row is the mutex: of two people
 * submitting the first-run form at the same moment, one creates the account and the
 * other is told it already exists.
 */
export async function createFirstAdmin({
  db,
  name,
  email,
  password,
}: {
  db: Database;
  name: string;
  email: string;
  password: string;
}): Promise<User> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const marker = await tx
      .insert(appSettings)
      .values({ key: "setup.completed", value: { at: new Date().toISOString() } })
      .onConflictDoNothing()
      .returning();
    if (marker.length === 0 || (await countUsers({ db: tx })) > 0) {
      throw new AppError("conflict", "This app already has an admin. Sign in instead.");
    }
    const user = await insertUser({ db: tx, user: { name, email, passwordHash, role: "admin" } });
    if (!user) throw new AppError("conflict", "A user with this email already exists.");
    return user;
  });
}
