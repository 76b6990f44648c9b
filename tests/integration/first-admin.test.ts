import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { countUsers, getUserByEmail } from "@/db/queries/users";
import { verifyPassword } from "@/lib/auth/password";
import { createFirstAdmin } from "@/lib/setup/first-admin";
import { testDatabases } from "../support/database";

describe.each(testDatabases())("first admin on $name", (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it("creates exactly one admin when two first-run forms are submitted at once, with the password hashed", async () => {
    const results = await Promise.allSettled([
      createFirstAdmin({ db: handle.db, name: "One", email: "one@example.com", password: "password one" }),
      createFirstAdmin({ db: handle.db, name: "Two", email: "two@example.com", password: "password two" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect((refused as PromiseRejectedResult).reason.message).toBe("This app already has an admin. Sign in instead.");
    expect(await countUsers({ db: handle.db })).toBe(1);

    const winner = (await getUserByEmail({ db: handle.db, email: "one@example.com" })) ?? (await getUserByEmail({ db: handle.db, email: "TWO@example.com" }));
    expect(winner?.role).toBe("admin");
    expect(winner?.passwordHash).not.toContain("password");
    expect(await verifyPassword(winner?.email === "one@example.com" ? "password one" : "password two", winner!.passwordHash)).toBe(true);
  });
});
