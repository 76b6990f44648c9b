import { describe, expect, it } from "vitest";
import { describeTwilioError, isPermanentTwilioError } from "./error-codes";

describe("describeTwilioError", () => {
  it.each([
    [21610, "The customer has unsubscribed (replied STOP). You can write again after they reply START."],
    [30003, "The phone is switched off or unreachable."],
    [30005, "Unknown number: it does not exist or is no longer in service."],
    [30006, "Landline or unreachable carrier: this number cannot receive SMS."],
    [30007, "Blocked by the carrier as spam."],
    [30008, "Unknown carrier error."],
    [21211, "This is not a valid phone number."],
    [21408, "Sending to this country is not enabled."],
    [21614, "This number cannot receive SMS (it is not a mobile number)."],
    [21617, "The message is too long (over 1600 characters)."],
    [21606, "This business number cannot send SMS from this account."],
  ])("describes %i in plain words", (code, message) => {
    expect(describeTwilioError(code)).toBe(message);
  });

  it("describes the other common codes without jargon", () => {
    for (const code of [30001, 30002, 30004, 30009, 30010, 20429, 21612, 21620, 21623]) {
      const message = describeTwilioError(code);
      expect(message).not.toMatch(/^Twilio error/);
      expect(message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it("accepts the code as Twilio's string", () => {
    expect(describeTwilioError("30007")).toBe("Blocked by the carrier as spam.");
    expect(describeTwilioError(" 21610 ")).toContain("replied STOP");
  });

  it("names an unknown code", () => {
    expect(describeTwilioError(12345)).toBe("Twilio error 12345.");
    expect(describeTwilioError("abc")).toBe("Twilio error abc.");
  });

  it("has nothing to say without a code", () => {
    expect(describeTwilioError(null)).toBeNull();
    expect(describeTwilioError(undefined)).toBeNull();
    expect(describeTwilioError("")).toBeNull();
  });
});

describe("isPermanentTwilioError", () => {
  it.each([21610, 21211, 21408, 21614, 21617, 21606, 21612, 21620, 21623, 30005, 30006, 30007, "21610"])(
    "%s will fail again, so is not retried",
    (code) => expect(isPermanentTwilioError(code)).toBe(true),
  );

  it.each([20429, 30001, 30003, 30008, 500, 503, 20500, 12345, null, undefined, "", "abc"])(
    "%s may succeed later",
    (code) => expect(isPermanentTwilioError(code)).toBe(false),
  );
});
