import { describe, expect, it } from "vitest";
import { parseInboxSearch, parseSearchQuery } from "./search";

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

describe("parseSearchQuery", () => {
  it("reads plain words and numbers as before, with nothing ignored", () => {
    expect(parseSearchQuery("replacement")).toEqual({ search: { words: ["replacement"] }, ignored: [] });
    expect(parseSearchQuery("(415) 555-0100").search?.phones).toContain("+14155550100");
    expect(parseSearchQuery("")).toEqual({ search: undefined, ignored: [] });
    expect(parseSearchQuery("   ")).toEqual({ search: undefined, ignored: [] });
    expect(parseSearchQuery(null)).toEqual({ search: undefined, ignored: [] });
  });

  it("reads quoted phrases apart from the words around them", () => {
    expect(parseSearchQuery('"next day delivery"').search).toEqual({ phrases: ["next day delivery"] });
    expect(parseSearchQuery('refund "next  day"   parcel').search).toEqual({ words: ["refund", "parcel"], phrases: ["next day"] });
    // An unclosed quote runs to the end; punctuation inside a phrase only separates words.
    expect(parseSearchQuery('"next-day delivery').search).toEqual({ phrases: ["next day delivery"] });
  });

  it("treats empty quotes as nothing typed", () => {
    expect(parseSearchQuery('""').search).toBeUndefined();
    expect(parseSearchQuery('"  " refund').search).toEqual({ words: ["refund"] });
    expect(parseSearchQuery('tag:"" refund')).toEqual({ search: { words: ["tag", "refund"] }, ignored: ['tag:""'] });
  });

  it("reads unicode words, phrases and tags", () => {
    expect(parseSearchQuery("Müller café").search).toEqual({ words: ["Müller", "café"] });
    expect(parseSearchQuery('"livraison demain" tag:été').search).toEqual({ phrases: ["livraison demain"], tags: ["été"] });
    expect(parseSearchQuery("配達 遅延").search).toEqual({ words: ["配達", "遅延"] });
    expect(parseSearchQuery('tag:"VIP Kunde"').search).toEqual({ tags: ["vip kunde"] });
  });

  it("reads each filter, its key in any case", () => {
    expect(parseSearchQuery("tag:VIP").search).toEqual({ tags: ["vip"] });
    expect(parseSearchQuery("Status:Closed").search).toEqual({ statuses: ["closed"] });
    expect(parseSearchQuery("status:open").search).toEqual({ statuses: ["open"] });
    expect(parseSearchQuery("assignee:me").search).toEqual({ assignees: [{ me: true }] });
    expect(parseSearchQuery("assignee:none").search).toEqual({ assignees: [{ none: true }] });
    expect(parseSearchQuery("assignee:Ann@Example.com").search).toEqual({ assignees: [{ name: "ann@example.com" }] });
    expect(parseSearchQuery('assignee:"Ann Lee"').search).toEqual({ assignees: [{ name: "ann lee" }] });
    expect(parseSearchQuery('integration:"Shop EU"').search).toEqual({ integrations: ["shop eu"] });
  });

  it("reads from: with a number in any format", () => {
    for (const typed of ["from:+14155550100", "from:(415)555-0100", "from:415.555.0100", 'from:"+1 415 555 0100"', "from:0014155550100"]) {
      expect(parseSearchQuery(typed).search?.from, typed).toContain("+14155550100");
    }
    expect(parseSearchQuery("from:07400900123").search?.from).toContain("+447400900123");
  });

  it("combines filters with words; repeated filters are all kept, once each", () => {
    expect(parseSearchQuery("refund tag:vip status:open").search).toEqual({ words: ["refund"], tags: ["vip"], statuses: ["open"] });
    expect(parseSearchQuery("tag:vip tag:urgent tag:VIP").search).toEqual({ tags: ["vip", "urgent"] });
    expect(parseSearchQuery("status:open status:closed").search).toEqual({ statuses: ["open", "closed"] });
    expect(parseSearchQuery("assignee:me assignee:none assignee:me").search).toEqual({ assignees: [{ me: true }, { none: true }] });
  });

  it("keeps filters it does not understand as plain words, and says so", () => {
    expect(parseSearchQuery("colour:red")).toEqual({ search: { words: ["colour", "red"] }, ignored: ["colour:red"] });
    expect(parseSearchQuery("status:banana refund")).toEqual({ search: { words: ["status", "banana", "refund"] }, ignored: ["status:banana"] });
    expect(parseSearchQuery("from:hello")).toEqual({ search: { words: ["from", "hello"] }, ignored: ["from:hello"] });
    expect(parseSearchQuery("tag: vip").ignored).toEqual(["tag:"]);
    expect(parseSearchQuery("tag:vip colour:red").search).toEqual({ words: ["colour", "red"], tags: ["vip"] });
    expect(parseSearchQuery(`tag:${"x".repeat(51)}`).ignored).toHaveLength(1);
  });

  it("a filter alone searches by that filter; punctuation beside it is dropped", () => {
    expect(parseSearchQuery("   tag:vip    ").search).toEqual({ tags: ["vip"] });
    expect(parseSearchQuery("tag:vip !!!").search).toEqual({ tags: ["vip"] });
    expect(parseSearchQuery("!!!").search).toEqual({});
    expect(parseSearchQuery("at 10:30").ignored).toEqual([]);
  });
});
