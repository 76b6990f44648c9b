import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { users, type User, type UserRole } from "../schema";

export async function countUsers({ db }: { db: DbOrTx }): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function getUserById({ db, id }: { db: DbOrTx; id: string }): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function getUserByEmail({ db, email }: { db: DbOrTx; email: string }): Promise<User | null> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row ?? null;
}

export async function listUsers({ db }: { db: DbOrTx }): Promise<User[]> {
  return db.select().from(users).orderBy(asc(users.name));
}

export async function insertUser({
  db,
  user,
}: {
  db: DbOrTx;
  user: { name: string; email: string; passwordHash: string; role: UserRole };
}): Promise<User | null> {
  const [row] = await db.insert(users).values(user).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateUser({
  db,
  id,
  changes,
}: {
  db: DbOrTx;
  id: string;
  changes: Partial<Pick<User, "name" | "role" | "active" | "passwordHash" | "sessionsValidFrom">>;
}): Promise<User | null> {
  const [row] = await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row ?? null;
}

/**
 * The ids of the active admins, locked until the transaction ends, in one order so two
 * transactions never wait on each other crosswise. A transaction that waited here sees
 * each row as the other one left it.
 */
export async function lockActiveAdmins({ db }: { db: DbOrTx }): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.role} = 'admin' and ${users.active}`)
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((row) => row.id);
}
