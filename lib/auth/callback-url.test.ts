import { describe, expect, it } from "vitest";
import { callbackPath } from "./callback-url";

const ORIGIN = "http://inbox.example:3000";

describe("callbackPath", () => {
  it("keeps a path on the app, with its query and fragment", () => {
    expect(callbackPath("/tickets/42?view=mine#latest", ORIGIN)).toBe("/tickets/42?view=mine#latest");
    expect(callbackPath("/settings/users", ORIGIN)).toBe("/settings/users");
    expect(callbackPath(`${ORIGIN}/settings/rules`, ORIGIN)).toBe("/settings/rules");
  });

  it("goes to the inbox when there is no callback URL", () => {
    expect(callbackPath(null, ORIGIN)).toBe("/tickets");
    expect(callbackPath(undefined, ORIGIN)).toBe("/tickets");
    expect(callbackPath("", ORIGIN)).toBe("/tickets");
  });

  // As searchParams.get() hands them over: %5C is a backslash, %09 a tab, %0A a newline.
  it.each([
    ["a backslash after the slash", "/\\evil.example/"],
    ["a tab between the slashes", "/\t/evil.example/"],
    ["a newline between the slashes", "/\n/evil.example/"],
    ["a carriage return between the slashes", "/\r/evil.example/"],
    ["an escaped slash", "/\\/evil.example/"],
    ["two backslashes", "\\\\evil.example/"],
    ["a protocol-relative URL", "//evil.example/"],
    ["a protocol-relative URL with a leading space", " //evil.example/"],
    ["an absolute URL elsewhere", "https://evil.example/tickets"],
    ["the app's host name on another port", "http://inbox.example:3001/tickets"],
    ["the app's host over another scheme", "https://inbox.example:3000/tickets"],
    ["a user-info trick", "http://inbox.example:3000@evil.example/"],
    ["javascript:", "javascript:alert(document.cookie)"],
    ["javascript: with a tab inside", "java\tscript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
  ])("refuses %s and goes to the inbox", (_what, callbackUrl) => {
    expect(callbackPath(callbackUrl, ORIGIN)).toBe("/tickets");
  });

  it("reads the vectors from the address bar the way the browser does", () => {
    for (const query of ["/%5Cevil.example/", "/%09/evil.example/", "/%0A/evil.example/", "/\\/evil.example/"]) {
      const callbackUrl = new URLSearchParams(`callbackUrl=${query}`).get("callbackUrl");
      expect(callbackPath(callbackUrl, ORIGIN), query).toBe("/tickets");
    }
  });

  it("resolves dot segments and stays on the app", () => {
    expect(callbackPath("/tickets/../settings", ORIGIN)).toBe("/settings");
    expect(callbackPath("tickets", ORIGIN)).toBe("/tickets");
    // The browser reads a same-scheme "http:" with no slashes as a path on this origin.
    expect(callbackPath("http:evil.example", ORIGIN)).toBe("/evil.example");
  });
});
