import bcryptjs from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "./password";

describe("passwords", () => {
  it("verifies a hash it made, and refuses another password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batteri", hash)).toBe(false);
  });

  it("still verifies the hashes stored before, made by bcryptjs", async () => {
    for (const minor of ["a", "b"] as const) {
      const stored = bcryptjs.hashSync("an older password", bcryptjs.genSaltSync(10).replace("$2b$", `$2${minor}$`));
      expect(stored.startsWith(`$2${minor}$10$`)).toBe(true);
      expect(await verifyPassword("an older password", stored)).toBe(true);
      expect(await verifyPassword("another password", stored)).toBe(false);
    }
  });

  it("refuses every password when there is no user", async () => {
    expect(await verifyAgainstNothing("no user has this password")).toBe(false);
  });
});
