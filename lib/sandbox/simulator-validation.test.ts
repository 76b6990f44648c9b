import { describe, expect, it } from "vitest";
import { filesProblem, formatMegabytes, readHandsetSender, reachableSchema, simulatorQuerySchema } from "./simulator-validation";

const MB = 1024 * 1024;

describe("readHandsetSender", () => {
  it("reads phone numbers in any format, local ones in the chosen country", () => {
    expect(readHandsetSender("(206) 555-0142", "US")).toEqual({ ok: true, kind: "phone", sender: "+12065550142", country: "US" });
    expect(readHandsetSender("07400 123456", "GB")).toMatchObject({ ok: true, kind: "phone", sender: "+447400123456" });
  });

  it.each([
    ["12345", "12345"],
    ["22395", "22395"],
    ["123", "123"],
    ["12345678", "12345678"],
    ["123 456", "123456"],
  ])("reads %j as the short code %j", (typed, sender) => {
    expect(readHandsetSender(typed, "US")).toEqual({ ok: true, kind: "short-code", sender });
  });

  it.each([
    ["AMAZON", "AMAZON"],
    ["  My Bank ", "My Bank"],
    ["Verify 2FA", "Verify 2FA"],
    ["A", "A"],
    ["ABCDEFGHIJK", "ABCDEFGHIJK"],
  ])("reads %j as the sender ID %j", (typed, sender) => {
    expect(readHandsetSender(typed, "US")).toEqual({ ok: true, kind: "alphanumeric", sender });
  });

  it.each(["12", "123456789", "ABCDEFGHIJKL", "AMAZON!", "VERIFY-ME", "+1 206 555 01", ""])("refuses %j", (typed) => {
    expect(readHandsetSender(typed, "US").ok).toBe(false);
  });

  it("says what is wrong in words", () => {
    expect(readHandsetSender("12", "US")).toEqual({ ok: false, message: expect.stringContaining("“12” is not a phone number.") as string });
  });
});

describe("the simulator's requests", () => {
  it("name a handset by its E.164 number, short code or sender ID, as stored", () => {
    for (const handset of ["+12065550142", "12345", "AMAZON", "My Bank"]) {
      expect(simulatorQuerySchema.parse({ handset }).handset).toBe(handset);
      expect(reachableSchema.safeParse({ handset, reachable: true }).success).toBe(true);
    }
  });

  it("drop or refuse a handset that is not one", () => {
    for (const handset of ["12", "(206) 555-0142", "AMAZON!", "<script>"]) {
      expect(simulatorQuerySchema.parse({ handset }).handset).toBeUndefined();
      expect(reachableSchema.safeParse({ handset, reachable: true }).success).toBe(false);
    }
  });
});

describe("filesProblem", () => {
  it("lets through up to 10 files and 5 MB in all", () => {
    expect(filesProblem([])).toBeNull();
    expect(filesProblem(Array.from({ length: 10 }, () => ({ size: MB / 2 })))).toBeNull();
  });

  it("says how much too much, as the hint counts it", () => {
    expect(filesProblem([{ size: 18.2 * MB }])).toBe("Files are over 5 MB in all (18.2 MB). An MMS carries at most 5 MB: remove some files or pick smaller ones.");
    expect(filesProblem([{ size: 5 * MB }, { size: 1 }])).toContain("(5.0 MB)");
    expect(filesProblem(Array.from({ length: 11 }, () => ({ size: 1 })))).toBe("A message can carry at most 10 files (11 chosen). Remove some.");
  });

  it("rounds sizes to a tenth of a megabyte", () => {
    expect(formatMegabytes(19_083_264)).toBe("18.2 MB");
    expect(formatMegabytes(0)).toBe("0.0 MB");
  });
});
