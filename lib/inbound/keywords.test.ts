import { describe, expect, it } from "vitest";
import { classifyKeyword, keywordFromOptOutType } from "./keywords";

describe("classifyKeyword", () => {
  it.each([
    ["STOP", "opt-out", "STOP"],
    ["Stop.", "opt-out", "STOP"],
    ["STOP!!", "opt-out", "STOP"],
    ["  stop \n", "opt-out", "STOP"],
    ["stopall", "opt-out", "STOPALL"],
    ["Unsubscribe", "opt-out", "UNSUBSCRIBE"],
    ["cancel", "opt-out", "CANCEL"],
    ["End", "opt-out", "END"],
    ["quit", "opt-out", "QUIT"],
    ["REVOKE", "opt-out", "REVOKE"],
    ["optout", "opt-out", "OPTOUT"],
    ["“Stop”", "opt-out", "STOP"],
    ["Start", "opt-in", "START"],
    ["yes!", "opt-in", "YES"],
    ["UNSTOP", "opt-in", "UNSTOP"],
    ["help?", "help", "HELP"],
    ["Info", "help", "INFO"],
    ["STOP 🙏", "opt-out", "STOP"],
  ])("%j is %s %s", (body, kind, keyword) => {
    expect(classifyKeyword(body)).toEqual({ kind, keyword });
  });

  it.each([
    "please stop",
    "stop texting me",
    "Yes please",
    "I need help with my order",
    "STOPP",
    "st op",
    "",
    "   ",
    "!!!",
    "STOP2",
  ])("%j is not a keyword", (body) => {
    expect(classifyKeyword(body)).toBeNull();
  });

  it("ignores a missing body", () => {
    expect(classifyKeyword(null)).toBeNull();
    expect(classifyKeyword(undefined)).toBeNull();
  });
});

describe("keywordFromOptOutType", () => {
  it("maps Twilio's OptOutType values", () => {
    expect(keywordFromOptOutType("STOP")).toBe("opt-out");
    expect(keywordFromOptOutType("START")).toBe("opt-in");
    expect(keywordFromOptOutType("HELP")).toBe("help");
    expect(keywordFromOptOutType("help")).toBe("help");
  });

  it("returns null for anything else", () => {
    expect(keywordFromOptOutType(undefined)).toBeNull();
    expect(keywordFromOptOutType("")).toBeNull();
    expect(keywordFromOptOutType("UNSUBSCRIBE")).toBeNull();
  });
});
