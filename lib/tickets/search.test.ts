import { describe, expect, it } from "vitest";
import { parseInboxSearch } from "./search";

describe("parseInboxSearch", () => {
  it("reads a phone number in any format the agent types", () => {
    expect(parseInboxSearch("(415) 555-0100")?.phones).toContain("+14155550100");
    expect(parseInboxSearch("+1 415.555.0100")?.phones).toEqual(["+14155550100"]);
    expect(parseInboxSearch("07400 900123")?.phones).toContain("+447400900123");
    expect(parseInboxSearch("07400 900123")?.digits).toBeUndefined();
  });

  it("searches a few digits as part of a number, even when they happen to be a whole number somewhere", () => {
    expect(parseInboxSearch("557788")?.digits).toBe("557788");
    expect(parseInboxSearch("555-01")).toEqual({ digits: "55501" });
    expect(parseInboxSearch("0 00")).toEqual({});
    expect(parseInboxSearch("12")).toEqual({ words: ["12"] });
  });

  it("reads words for names and messages; punctuation alone searches for nothing", () => {
    expect(parseInboxSearch("  Ann's refund! ")).toEqual({ words: ["Ann", "refund"] });
    expect(parseInboxSearch("   ")).toBeUndefined();
    expect(parseInboxSearch("!!!")).toEqual({});
    expect(parseInboxSearch("%")).toEqual({});
  });
});
