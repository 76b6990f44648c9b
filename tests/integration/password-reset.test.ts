import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { passwordResets } from "@/db/schema";
import { testDatabases, useDatabase } from "../support/database";

// Every line the app logs, at the most talkative level: a reset link's secret must be in none.
const captured = vi.hoisted(() => {
  process.env.LOG_LEVEL = "trace";
  delete (globalThis as { __logger?: unknown }).__logger;
  return { lines: [] as string[] };
});
vi.mock("pino", async (importOriginal) => {
  const real = ((await importOriginal()) as { default: (options: unknown, stream: unknown) => unknown }).default;
  const capture = { write: (line: string) => void captured.lines.push(line) };
  return { default: Object.assign((options: unknown) => real(options, capture), real) };
});

const { getUserById } = await import("@/db/queries/users");
const { verifyPassword } = await import("@/lib/auth/password");
const { EMAIL_POLICY, emailLockedUntil } = await import("@/lib/auth/throttle");
const FREE_ATTEMPTS = EMAIL_POLICY.freeAttempts;
const { sessionUserFromToken } = await import("@/lib/auth/token");
const { changeOwnPassword } = await import("@/lib/users/account");
const { addUser } = await import("@/lib/users/manage");
const { checkPasswordResetLink, makePasswordResetLink, redeemPasswordResetLink } = await import("@/lib/users/password-reset");
const { hashResetSecret } = await import("@/lib/users/reset-token");

const OLD_PASSWORD = "old password 1";
const NEW_PASSWORD = "brand new password 2";
let seq = 0;

describe.each(testDatabases())("password reset links on $name", (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
  });
  afterAll(async () => {
    useDatabase(undefined as unknown as DatabaseHandle);
    await handle.close();
  });

  async function seedUsers() {
    seq += 1;
    const admin = await addUser({ db: handle.db, name: "Ada Admin", email: `ada${seq}@example.com`, password: "admin password 1", role: "admin", actorId: null });
    const agent = await addUser({ db: handle.db, name: "Sam Agent", email: `sam${seq}@example.com`, password: OLD_PASSWORD, role: "agent", actorId: null });
    return { admin, agent };
  }

  it("stores only the SHA-256 of the link's secret, and logs neither", async () => {
    const { admin, agent } = await seedUsers();
    const { url, expiresAt } = await makePasswordResetLink({ db: handle.db, userId: agent.id, actor: admin });
    const token = tokenOfUrl(url);
    const secret = token.split(".")[1]!;
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);

    const rows = await handle.db.select().from(passwordResets).where(eq(passwordResets.userId, agent.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.secretHash).toBe(hashResetSecret(secret));
    const everything = JSON.stringify(await handle.db.execute(sql`select * from password_resets`));
    expect(everything).not.toContain(secret);
    await redeemPasswordResetLink({ db: handle.db, token, password: NEW_PASSWORD });
    expect(captured.lines.join("\n")).not.toContain(secret);
    expect(captured.lines.join("\n")).not.toContain(NEW_PASSWORD);
  });

  it("works once: sets the new password, ends the user's sessions, then refuses", async () => {
    const { admin, agent } = await seedUsers();
    const signedInBefore = Date.now() - 1000;
    expect(await sessionUserFromToken({ sub: agent.id, signedInAt: signedInBefore })).not.toBeNull();
    const token = tokenOfUrl((await makePasswordResetLink({ db: handle.db, userId: agent.id, actor: admin })).url);
    expect(await checkPasswordResetLink({ db: handle.db, token })).toEqual({ ok: true, name: "Sam Agent", email: agent.email });

    expect(await redeemPasswordResetLink({ db: handle.db, token, password: NEW_PASSWORD })).toEqual({ email: agent.email });
    const after = (await getUserById({ db: handle.db, id: agent.id }))!;
    expect(await verifyPassword(NEW_PASSWORD, after.passwordHash)).toBe(true);
    expect(await sessionUserFromToken({ sub: agent.id, signedInAt: signedInBefore })).toBeNull();

    await expect(redeemPasswordResetLink({ db: handle.db, token, password: "a third password" })).rejects.toThrow("already used");
    expect(await checkPasswordResetLink({ db: handle.db, token })).toMatchObject({ ok: false, message: expect.stringContaining("already used") });
    expect(await verifyPassword(NEW_PASSWORD, (await getUserById({ db: handle.db, id: agent.id }))!.passwordHash)).toBe(true);
  });

  it("lets only one of two racing requests use the link", async () => {
    const { admin, agent } = await seedUsers();
    const token = tokenOfUrl((await makePasswordResetLink({ db: handle.db, userId: agent.id, actor: admin })).url);
    const results = await Promise.allSettled([
      redeemPasswordResetLink({ db: handle.db, token, password: "racing password A" }),
      redeemPasswordResetLink({ db: handle.db, token, password: "racing password B" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("expires after 24 hours, leaving the password as it was", async () => {
    const { admin, agent } = await seedUsers();
    const token = tokenOfUrl((await makePasswordResetLink({ db: handle.db, userId: agent.id, actor: admin })).url);
    await handle.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.userId, agent.id));
    await expect(redeemPasswordResetLink({ db: handle.db, token, password: NEW_PASSWORD })).rejects.toThrow("expired");
    expect(await verifyPassword(OLD_PASSWORD, (await getUserById({ db: handle.db, id: agent.id }))!.passwordHash)).toBe(true);
  });

  it("applies the password rules and keeps the link for another try", async () => {
    const { admin, agent } = await seedUsers();
    const token = tokenOfUrl((await makePasswordResetLink({ db: handle.db, userId: agent.id, actor: admin })).url);
    await expect(redeemPasswordResetLink({ db: handle.db, token, password: "short" })).rejects.toMatchObject({ fieldErrors: { password: "Use at least 8 characters for the password." } });
    expect(await redeemPasswordResetLink({ db: handle.db, token, password: NEW_PASSWORD })).toEqual({ email: agent.email });
  });

  it("counts wrong secrets as failed sign-ins and locks the link like a sign-in", async () => {
    const { admin, agent } = await seedUsers();
    const token = tokenOfUrl((await makePasswordResetLink({ db: handle.db, userId: agent.id, actor: admin })).url);
    const [id] = token.split(".");
    const forged = `${id}.${"x".repeat(43)}`;
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++) {
      await expect(redeemPasswordResetLink({ db: handle.db, token: forged, password: NEW_PASSWORD })).rejects.toThrow("does not work");
    }
    await expect(redeemPasswordResetLink({ db: handle.db, token: forged, password: NEW_PASSWORD })).rejects.toThrow("Too many failed sign-ins");
    expect(await emailLockedUntil({ db: handle.db, email: agent.email })).not.toBeNull();
    // The real link waits too, and the password is unchanged.
    await expect(redeemPasswordResetLink({ db: handle.db, token, password: NEW_PASSWORD })).rejects.toThrow("Too many failed sign-ins");
    expect(await verifyPassword(OLD_PASSWORD, (await getUserById({ db: handle.db, id: agent.id }))!.passwordHash)).toBe(true);
  });

  it("refuses an agent, and a newer link replaces the older one", async () => {
    const { admin, agent } = await seedUsers();
    await expect(makePasswordResetLink({ db: handle.db, userId: admin.id, actor: agent })).rejects.toThrow("Only admins can reset passwords.");
    expect(await handle.db.select().from(passwordResets).where(eq(passwordResets.userId, admin.id))).toHaveLength(0);

    const first = tokenOfUrl((await makePasswordResetLink({ db: handle.db, userId: agent.id, actor: admin })).url);
    const second = tokenOfUrl((await makePasswordResetLink({ db: handle.db, userId: agent.id, actor: null })).url);
    await expect(redeemPasswordResetLink({ db: handle.db, token: first, password: NEW_PASSWORD })).rejects.toThrow("does not work");
    expect(await redeemPasswordResetLink({ db: handle.db, token: second, password: NEW_PASSWORD })).toEqual({ email: agent.email });
  });

  it("refuses a malformed link without touching anything", async () => {
    for (const token of ["", "nonsense", "not-a-uuid.secretsecretsecretsecret", `${crypto.randomUUID()}.${"y".repeat(43)}`]) {
      expect(await checkPasswordResetLink({ db: handle.db, token })).toMatchObject({ ok: false, message: expect.stringContaining("does not work") });
      await expect(redeemPasswordResetLink({ db: handle.db, token, password: NEW_PASSWORD })).rejects.toThrow("does not work");
    }
  });
});

describe.each(testDatabases())("changing one's own password on $name", (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
  });
  afterAll(async () => {
    useDatabase(undefined as unknown as DatabaseHandle);
    await handle.close();
  });

  it("needs the current password, counts wrong ones, and ends older sessions", async () => {
    const user = await addUser({ db: handle.db, name: "Sam Agent", email: "sam@example.com", password: OLD_PASSWORD, role: "agent", actorId: null });
    const admin = await addUser({ db: handle.db, name: "Ada", email: "ada@example.com", password: "admin password 1", role: "admin", actorId: null });
    const pendingLink = tokenOfUrl((await makePasswordResetLink({ db: handle.db, userId: user.id, actor: admin })).url);
    const olderSession = { sub: user.id, signedInAt: Date.now() - 1000 };

    await expect(changeOwnPassword({ db: handle.db, user, currentPassword: "wrong password", newPassword: NEW_PASSWORD })).rejects.toMatchObject({
      fieldErrors: { currentPassword: "That is not your current password." },
    });
    expect(await verifyPassword(OLD_PASSWORD, (await getUserById({ db: handle.db, id: user.id }))!.passwordHash)).toBe(true);
    expect(await sessionUserFromToken(olderSession)).not.toBeNull();

    const { sessionsValidFrom } = await changeOwnPassword({ db: handle.db, user, currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD });
    expect(await verifyPassword(NEW_PASSWORD, (await getUserById({ db: handle.db, id: user.id }))!.passwordHash)).toBe(true);
    expect(await sessionUserFromToken(olderSession)).toBeNull();
    expect(await sessionUserFromToken({ sub: user.id, signedInAt: sessionsValidFrom.getTime() })).not.toBeNull();
    // A link made before the change no longer works.
    await expect(redeemPasswordResetLink({ db: handle.db, token: pendingLink, password: "yet another one" })).rejects.toThrow("does not work");
  });

  it("locks after repeated wrong current passwords, like sign-in", async () => {
    const user = await addUser({ db: handle.db, name: "Kim", email: "kim@example.com", password: OLD_PASSWORD, role: "agent", actorId: null });
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++) {
      await expect(changeOwnPassword({ db: handle.db, user, currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD })).rejects.toThrow("not your current password");
    }
    await expect(changeOwnPassword({ db: handle.db, user, currentPassword: "guess last", newPassword: NEW_PASSWORD })).rejects.toThrow("Too many failed sign-ins");
    await expect(changeOwnPassword({ db: handle.db, user, currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD })).rejects.toThrow("Too many failed sign-ins");
    expect(await verifyPassword(OLD_PASSWORD, (await getUserById({ db: handle.db, id: user.id }))!.passwordHash)).toBe(true);
  });
});

function tokenOfUrl(url: string): string {
  return url.split("/reset-password/")[1]!;
}
