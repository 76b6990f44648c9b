import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { firstAdminSchema, newUserSchema, passwordSchema } from "./validation";

describe("passwordSchema", () => {
  it("accepts a password of eight characters or more, spaces included", () => {
    expect(passwordSchema.safeParse("correct horse").success).toBe(true);
    expect(passwordSchema.safeParse("  padded  ").success).toBe(true);
  });

  it("refuses a password that is only spaces, and says so", () => {
    const result = passwordSchema.safeParse("        ");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("The password cannot be only spaces. Use letters, digits or symbols too.");
    expect(passwordSchema.safeParse("\t\t\t\t \n  ").success).toBe(false);
  });

  it("refuses it on first run and when adding a user", () => {
    const first = firstAdminSchema.safeParse({ name: "Ada", email: "ada@example.com", password: " ".repeat(8) });
    expect(fieldErrorsOf(first.error!)).toEqual({ password: "The password cannot be only spaces. Use letters, digits or symbols too." });
    const added = newUserSchema.safeParse({ name: "Sam Lee", email: "sam@example.com", password: " ".repeat(12), role: "agent" });
    expect(fieldErrorsOf(added.error!).password).toBe("The password cannot be only spaces. Use letters, digits or symbols too.");
  });
});
