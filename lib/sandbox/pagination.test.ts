import { describe, expect, it } from "vitest";
import { SandboxError } from "./errors";
import { pageEnvelope, readPage, slicePage } from "./pagination";

describe("readPage", () => {
  it("defaults to the first page of 50 and caps the size at 1000", () => {
    expect(readPage(new URLSearchParams())).toEqual({ page: 0, pageSize: 50, offset: 0 });
    expect(readPage(new URLSearchParams("PageSize=5000&Page=2"))).toEqual({ page: 2, pageSize: 1000, offset: 2000 });
  });
  it("refuses sizes and pages that are not whole numbers", () => {
    expect(() => readPage(new URLSearchParams("PageSize=0"))).toThrow(SandboxError);
    expect(() => readPage(new URLSearchParams("Page=-1"))).toThrow(SandboxError);
    expect(() => readPage(new URLSearchParams("Page=abc"))).toThrow(SandboxError);
  });
});

describe("pageEnvelope", () => {
  it("keeps the caller's filters in every URI and links the pages", () => {
    const search = new URLSearchParams("To=%2B14155550100&PageSize=2&Page=1&PageToken=PA1");
    const envelope = pageEnvelope({
      key: "messages",
      listUri: "/2010-04-01/Accounts/AC1/Messages.json",
      search,
      request: readPage(search),
      items: ["c", "d"],
      hasMore: true,
    });
    expect(envelope).toEqual({
      messages: ["c", "d"],
      start: 2,
      end: 3,
      page: 1,
      page_size: 2,
      uri: "/2010-04-01/Accounts/AC1/Messages.json?To=%2B14155550100&PageSize=2&Page=1",
      first_page_uri: "/2010-04-01/Accounts/AC1/Messages.json?To=%2B14155550100&PageSize=2&Page=0",
      previous_page_uri: "/2010-04-01/Accounts/AC1/Messages.json?To=%2B14155550100&PageSize=2&Page=0",
      next_page_uri: "/2010-04-01/Accounts/AC1/Messages.json?To=%2B14155550100&PageSize=2&Page=2",
    });
  });
  it("has no next or previous page at the ends", () => {
    const envelope = pageEnvelope({ key: "x", listUri: "/l.json", search: new URLSearchParams(), request: readPage(new URLSearchParams()), items: [], hasMore: false });
    expect(envelope).toMatchObject({ start: 0, end: 0, next_page_uri: null, previous_page_uri: null });
  });
});

describe("slicePage", () => {
  it("cuts one page and says whether more follow", () => {
    expect(slicePage([1, 2, 3], { page: 0, pageSize: 2, offset: 0 })).toEqual({ items: [1, 2], hasMore: true });
    expect(slicePage([1, 2, 3], { page: 1, pageSize: 2, offset: 2 })).toEqual({ items: [3], hasMore: false });
  });
});
