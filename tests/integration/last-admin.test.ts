import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { changeUserRole, setUserActive } from "@/lib/users/manage";
import { testDatabases } from "../support/database";
import { seedAdmin } from "../support/inbox-seed";

describe.each(testDatabases())("keeping an active admin on $name", (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(async () => {
    // Each case starts with exactly the two admins it seeds.
    await handle.db.update(users).set({ active: false }).where(eq(users.role, "admin"));
  });

  async function activeAdmins() {
    return handle.db.select().from(users).where(and(eq(users.role, "admin"), eq(users.active, true)));
  }

  it.each([1, 2, 3, 4, 5])("two admins who deactivate each other at once leave one active admin (round %i)", async () => {
    const [ada, bea] = [await seedAdmin(handle.db, "Ada Admin"), await seedAdmin(handle.db, "Bea Admin")];
    const results = await Promise.allSettled([
      setUserActive({ db: handle.db, actor: ada, userId: bea.id, active: false }),
      setUserActive({ db: handle.db, actor: bea, userId: ada.id, active: false }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason.message).toMatch(
      /is the only active admin|Only admins can do this/,
    );
    expect(await activeAdmins()).toHaveLength(1);
  });

  it.each([1, 2, 3, 4, 5])("two admins who make each other agents at once leave one admin (round %i)", async () => {
    const [ada, bea] = [await seedAdmin(handle.db, "Ada Admin"), await seedAdmin(handle.db, "Bea Admin")];
    const results = await Promise.allSettled([
      changeUserRole({ db: handle.db, actor: ada, userId: bea.id, role: "agent" }),
      changeUserRole({ db: handle.db, actor: bea, userId: ada.id, role: "agent" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await activeAdmins()).toHaveLength(1);
  });

  it("a demotion and a deactivation crossing each other leave one active admin", async () => {
    const [ada, bea] = [await seedAdmin(handle.db, "Ada Admin"), await seedAdmin(handle.db, "Bea Admin")];
    await Promise.allSettled([
      changeUserRole({ db: handle.db, actor: ada, userId: bea.id, role: "agent" }),
      setUserActive({ db: handle.db, actor: bea, userId: ada.id, active: false }),
    ]);
    expect(await activeAdmins()).toHaveLength(1);
  });

  it("still lets one admin deactivate or demote another, and refuses the last one", async () => {
    const [ada, bea] = [await seedAdmin(handle.db, "Ada Admin"), await seedAdmin(handle.db, "Bea Admin")];
    await changeUserRole({ db: handle.db, actor: ada, userId: bea.id, role: "agent" });
    await expect(setUserActive({ db: handle.db, actor: bea, userId: ada.id, active: false })).rejects.toThrow("Only admins can do this.");
    await changeUserRole({ db: handle.db, actor: ada, userId: bea.id, role: "admin" });
    await setUserActive({ db: handle.db, actor: bea, userId: ada.id, active: false });
    await expect(changeUserRole({ db: handle.db, actor: bea, userId: bea.id, role: "agent" })).rejects.toThrow(
      "Bea Admin is the only active admin. Make someone else an admin first.",
    );
    expect((await activeAdmins()).map((user) => user.name)).toEqual(["Bea Admin"]);
  });
});
