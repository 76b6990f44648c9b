import type { Database } from "@/db/client";
import { countActiveAdmins, getUserByEmail, getUserById, insertUser, updateUser } from "@/db/queries/users";
import type { User, UserRole } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export async function addUser({
  db,
  name,
  email,
  password,
  role,
}: {
  db: Database;
  name: string;
  email: string;
  password: string;
  role: UserRole;
}): Promise<User> {
  if (await getUserByEmail({ db, email })) {
    throw new AppError("conflict", "Someone already uses this email.", { email: "Someone already uses this email." });
  }
  const user = await insertUser({ db, user: { name, email, passwordHash: await hashPassword(password), role } });
  if (!user) throw new AppError("conflict", "Someone already uses this email.", { email: "Someone already uses this email." });
  log.info({ event: "user_added", userId: user.id, role }, "user added");
  return user;
}

async function targetUser(db: Database, userId: string): Promise<User> {
  const user = await getUserById({ db, id: userId });
  if (!user) throw new AppError("not_found", "That user does not exist.");
  return user;
}

/** The last active admin cannot be demoted or deactivated: someone must be able to reach Settings. */
async function assertKeepsAnAdmin(db: Database, user: User) {
  if (user.role === "admin" && user.active && (await countActiveAdmins({ db })) <= 1) {
    throw new AppError("conflict", `${user.name} is the only active admin. Make someone else an admin first.`);
  }
}

export async function changeUserRole({ db, actor, userId, role }: { db: Database; actor: User; userId: string; role: UserRole }) {
  const user = await targetUser(db, userId);
  if (user.role === role) return;
  if (role === "agent") await assertKeepsAnAdmin(db, user);
  await updateUser({ db, id: userId, changes: { role } });
  log.info({ event: "user_role_changed", userId, role, actorId: actor.id }, "user role changed");
}

export async function setUserActive({ db, actor, userId, active }: { db: Database; actor: User; userId: string; active: boolean }) {
  const user = await targetUser(db, userId);
  if (user.active === active) return;
  if (!active) {
    if (user.id === actor.id) throw new AppError("conflict", "You cannot deactivate your own account.");
    await assertKeepsAnAdmin(db, user);
  }
  // Deactivation ends every session the user has; reactivation does not revive them.
  await updateUser({ db, id: userId, changes: active ? { active } : { active, sessionsValidFrom: new Date() } });
  log.info({ event: active ? "user_reactivated" : "user_deactivated", userId, actorId: actor.id }, "user active changed");
}
