import { describe, expect, it } from "vitest";
import { deactivationSchema, integrationSettingsSchema, newIntegrationSchema } from "./validation";

describe("newIntegrationSchema", () => {
  it("trims the name and needs a number", () => {
    const parsed = newIntegrationSchema.safeParse({ name: "  Support line ", phoneNumberId: "6f1c7a52-7e1e-4c4e-9a4e-0d6f3b7a1c11" });
    expect(parsed.success && parsed.data.name).toBe("Support line");
  });

  it.each([
    [{ name: "   ", phoneNumberId: "6f1c7a52-7e1e-4c4e-9a4e-0d6f3b7a1c11" }, "name", "Enter a name for the integration."],
    [{ name: "x".repeat(101), phoneNumberId: "6f1c7a52-7e1e-4c4e-9a4e-0d6f3b7a1c11" }, "name", "Use at most 100 characters for the name."],
    [{ name: "Support", phoneNumberId: "" }, "phoneNumberId", "Choose the phone number to install it on."],
    [{ name: "Support" }, "phoneNumberId", "Choose the phone number to install it on."],
  ])("refuses %j", (input, field, message) => {
    const parsed = newIntegrationSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.find((issue) => issue.path[0] === field)?.message).toBe(message);
  });
});

describe("integrationSettingsSchema", () => {
  it("reads numbers typed in a form", () => {
    expect(integrationSettingsSchema.parse({ reopenWindowDays: " 0 ", maxMessageLength: "1600" })).toEqual({ reopenWindowDays: 0, maxMessageLength: 1600 });
  });

  it.each([
    [{ reopenWindowDays: "", maxMessageLength: "160" }, "Enter the reopen window."],
    [{ reopenWindowDays: "366", maxMessageLength: "160" }, "The reopen window must be a whole number from 0 to 365."],
    [{ reopenWindowDays: "1.5", maxMessageLength: "160" }, "The reopen window must be a whole number from 0 to 365."],
    [{ reopenWindowDays: "-1", maxMessageLength: "160" }, "The reopen window must be a whole number from 0 to 365."],
    [{ reopenWindowDays: "abc", maxMessageLength: "160" }, "The reopen window must be a whole number from 0 to 365."],
    [{ reopenWindowDays: "3", maxMessageLength: "1601" }, "The maximum message length must be a whole number from 160 to 1600."],
    [{ reopenWindowDays: "3", maxMessageLength: "100" }, "The maximum message length must be a whole number from 160 to 1600."],
  ])("refuses %j", (input, message) => {
    const parsed = integrationSettingsSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(message);
  });
});

describe("deactivationSchema", () => {
  it("needs a reason, of reasonable length", () => {
    expect(deactivationSchema.safeParse({ reason: " " }).success).toBe(false);
    expect(deactivationSchema.safeParse({ reason: "x".repeat(301) }).success).toBe(false);
    expect(deactivationSchema.parse({ reason: " Messaging policy violation " })).toEqual({ reason: "Messaging policy violation" });
  });
});
