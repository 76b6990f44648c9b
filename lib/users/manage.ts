import type { Database } from "@/db/client";
import { recordAdminAction } from "@/db/queries/audit";
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
  actorId,
}: {
  db: Database;
  actorId: string | null;
  name: string;
  email: string;
  password: string;
  role: UserRole;
}): Promise<User> {
  if (await getUserByEmail({ db, email })) {
    throw new AppError("conflict", "Someone already uses this email.", { email: "Someone already uses this email." });
  }
  const passwordHash = await hashPassword(password);
  const user = await db.transaction(async (tx) => {
    const added = await insertUser({ db: tx, user: { name, email, passwordHash, role } });
    if (added) await recordAdminAction({ db: tx, actorId, action: "user.added", target: { userId: added.id, name, email }, details: { role } });
    return added;
  });
  if (!user) throw new AppError("conflict", "Someone already uses this email.", { email: "Someone already uses this email." });
  log.info({ event: "user_added", userId: user.id, role }, "user added");
  return user;
}

function userTarget(user: User) {
  return { userId: user.id, name: user.name, email: user.email };
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
  await db.transaction(async (tx) => {
    await updateUser({ db: tx, id: userId, changes: { role } });
    await recordAdminAction({ db: tx, actorId: actor.id, action: "user.role_changed", target: userTarget(user), details: { role } });
  });
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
  await db.transaction(async (tx) => {
    await updateUser({ db: tx, id: userId, changes: active ? { active } : { active, sessionsValidFrom: new Date() } });
    await recordAdminAction({ db: tx, actorId: actor.id, action: active ? "user.reactivated" : "user.deactivated", target: userTarget(user) });
  });
  log.info({ event: active ? "user_reactivated" : "user_deactivated", userId, actorId: actor.id }, "user active changed");
}
