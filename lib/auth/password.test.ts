import bcryptjs from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, hashRounds, verifyAgainstNothing, verifyPassword } from "./password";

describe("passwords", () => {
  it("verifies a hash it made, and refuses another password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batteri", hash)).toBe(false);
  });

  // At bcrypt's least cost: the check reads the cost from the hash whatever it is, and these
  // compares run on the lowest-priority hashing threads, which a busy machine starves.
  it("still verifies the hashes stored before, made by bcryptjs", async () => {
    for (const minor of ["a", "b"] as const) {
      const stored = bcryptjs.hashSync("an older password", bcryptjs.genSaltSync(4).replace("$2b$", `$2${minor}$`));
      expect(stored.startsWith(`$2${minor}$04$`)).toBe(true);
      expect(await verifyPassword("an older password", stored)).toBe(true);
      expect(await verifyPassword("another password", stored)).toBe(false);
    }
  });

  it("hashes at cost 12 in production and 10 in development unless PASSWORD_HASH_ROUNDS says otherwise; test runs at 4", async () => {
    expect(hashRounds({ NODE_ENV: "production" })).toBe(12);
    expect(hashRounds({ NODE_ENV: "development" })).toBe(10);
    expect(hashRounds({ NODE_ENV: "production", PASSWORD_HASH_ROUNDS: 13 })).toBe(13);
    expect(await hashPassword("a password")).toMatch(/^\$2[aby]\$04\$/);
  });

  it("refuses every password when there is no user", async () => {
    expect(await verifyAgainstNothing("no user has this password")).toBe(false);
  });
});
