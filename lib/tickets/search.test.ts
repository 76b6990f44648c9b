import { describe, expect, it } from "vitest";
import { parseInboxSearch } from "./search";

describe("parseInboxSearch", () => {
  it("reads a phone number in any format the agent types", () => {
    expect(parseInboxSearch("(415) 555-0100")?.phones).toContain("+14155550100");
    expect(parseInboxSearch("+1 415.555.0100")?.phones).toEqual(["+14155550100"]);
    expect(parseInboxSearch("07700 900123")?.phones).toContain("+447700900123");
    expect(parseInboxSearch("07700 900123")?.digits).toBe("7700900123");
  });

  it("searches a few digits as part of a number", () => {
    expect(parseInboxSearch("555-01")).toEqual({ phones: [], digits: "55501" });
    expect(parseInboxSearch("12")).toEqual({ words: ["12"] });
  });

  it("reads words for names and messages", () => {
    expect(parseInboxSearch("  Ann's refund! ")).toEqual({ words: ["Ann", "refund"] });
    expect(parseInboxSearch("   ")).toBeUndefined();
    expect(parseInboxSearch("!!!")).toBeUndefined();
  });
});
