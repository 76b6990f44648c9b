import { describe, expect, it } from "vitest";
import { classifySendError, parseRetryAfter } from "./send-errors";

function rest(status: number, code?: number, message?: string) {
  return Object.assign(new Error(message ?? "x"), { status, code, message });
}
function network(code: string) {
  return Object.assign(new Error(code), { code });
}

describe("classifySendError", () => {
  it("fails at once, in words, on permanent Twilio errors", () => {
    for (const code of [21610, 21211, 21408, 21614, 21617]) {
      const outcome = classifySendError(rest(400, code));
      expect(outcome.kind, String(code)).toBe("failed");
    }
    expect(classifySendError(rest(400, 21610))).toEqual({
      kind: "failed",
      code: 21610,
      message: "The customer has unsubscribed (replied STOP). You can write again after they reply START.",
    });
  });

  it("retries on 429, honouring Retry-After", () => {
    expect(classifySendError(rest(429, 20429), "7")).toMatchObject({ kind: "retry", retryAfterMs: 7000 });
  });

  it("checks with Twilio before sending again after a 5xx or a dropped connection", () => {
    expect(classifySendError(rest(503))).toEqual({ kind: "check", reason: "Twilio answered 503" });
    expect(classifySendError(rest(500, 20500))).toEqual({ kind: "check", reason: "Twilio answered 500" });
    expect(classifySendError(network("ECONNRESET"))).toEqual({ kind: "check", reason: "The connection to Twilio broke (ECONNRESET)" });
  });

  it("retries documented temporary 4xx codes, and fails on unknown ones with Twilio's words", () => {
    expect(classifySendError(rest(400, 21611))).toMatchObject({ kind: "retry" });
    expect(classifySendError(rest(400, 29999, "Something odd."))).toEqual({
      kind: "failed",
      code: 29999,
      message: "Twilio refused the message: Something odd (error 29999).",
    });
  });

  it("retries when Twilio could not be reached at all", () => {
    expect(classifySendError(network("ECONNREFUSED"))).toMatchObject({ kind: "retry" });
    expect(classifySendError(Object.assign(new Error("wrapped"), { cause: network("ENOTFOUND") }))).toMatchObject({ kind: "retry" });
  });

  it("never resends after a timeout", () => {
    expect(classifySendError(network("ECONNABORTED")).kind).toBe("unknown");
    expect(classifySendError(network("ETIMEDOUT")).kind).toBe("unknown");
    expect(classifySendError(new Error("something else")).kind).toBe("unknown");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and dates, and caps long waits", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(1_000_000 + 5000).toUTCString(), 1_000_000)).toBeGreaterThanOrEqual(4000);
    expect(parseRetryAfter("99999")).toBe(600_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
