import type { Database, Transaction } from "@/db/client";
import { recordAuditEntry } from "@/db/queries/audit";
import { getUserByEmail, getUserById, insertUser, lockActiveAdmins, updateUser } from "@/db/queries/users";
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
    if (added) await recordAuditEntry({ db: tx, actorId, action: "user.added", target: { userId: added.id, name, email }, details: { role } });
    return added;
  });
  if (!user) throw new AppError("conflict", "Someone already uses this email.", { email: "Someone already uses this email." });
  log.info({ event: "user_added", userId: user.id, role }, "user added");
  return user;
}

function userTarget(user: User) {
  return { userId: user.id, name: user.name, email: user.email };
}

/**
 * Runs a change to another user's role or status in a transaction that holds the active
 * admins' rows, so "someone stays an active admin" is decided on what is committed, and two
 * admins who demote or deactivate each other at once cannot both succeed.
 */
async function withUserLocked<T>(
  db: Database,
  { actor, userId }: { actor: User; userId: string },
  change: (tx: Transaction, user: User, activeAdminIds: string[]) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const activeAdminIds = await lockActiveAdmins({ db: tx });
    if (!activeAdminIds.includes(actor.id)) throw new AppError("forbidden", "Only admins can do this.");
    const user = await getUserById({ db: tx, id: userId });
    if (!user) throw new AppError("not_found", "That user does not exist.");
    return change(tx, user, activeAdminIds);
  });
}

/** The last active admin cannot be demoted or deactivated: someone must be able to reach Settings. */
function assertKeepsAnAdmin(user: User, activeAdminIds: string[]) {
  if (activeAdminIds.includes(user.id) && activeAdminIds.length <= 1) {
    throw new AppError("conflict", `${user.name} is the only active admin. Make someone else an admin first.`);
  }
}

export async function changeUserRole({ db, actor, userId, role }: { db: Database; actor: User; userId: string; role: UserRole }) {
  const changed = await withUserLocked(db, { actor, userId }, async (tx, user, activeAdminIds) => {
    if (user.role === role) return false;
    if (role === "agent") assertKeepsAnAdmin(user, activeAdminIds);
    await updateUser({ db: tx, id: userId, changes: { role } });
    await recordAuditEntry({ db: tx, actorId: actor.id, action: "user.role_changed", target: userTarget(user), details: { role } });
    return true;
  });
  if (changed) log.info({ event: "user_role_changed", userId, role, actorId: actor.id }, "user role changed");
}

export async function setUserActive({ db, actor, userId, active }: { db: Database; actor: User; userId: string; active: boolean }) {
  if (!active && userId === actor.id) throw new AppError("conflict", "You cannot deactivate your own account.");
  const changed = await withUserLocked(db, { actor, userId }, async (tx, user, activeAdminIds) => {
    if (user.active === active) return false;
    if (!active) assertKeepsAnAdmin(user, activeAdminIds);
    // Deactivation ends every session the user has; reactivation does not revive them.
    await updateUser({ db: tx, id: userId, changes: active ? { active } : { active, sessionsValidFrom: new Date() } });
    await recordAuditEntry({ db: tx, actorId: actor.id, action: active ? "user.reactivated" : "user.deactivated", target: userTarget(user) });
    return true;
  });
  if (changed) log.info({ event: active ? "user_reactivated" : "user_deactivated", userId, actorId: actor.id }, "user active changed");
}
