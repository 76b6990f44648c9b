import RestException from "twilio/lib/base/RestException";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { isTwilioNotFound, twilioFailure } from "./rest-error";

function refusal(statusCode: number, body: object | string) {
  return new RestException({ statusCode, body: typeof body === "string" ? body : JSON.stringify(body) });
}

describe("twilioFailure", () => {
  it("explains a known code in plain words, after what was being done", () => {
    const error = twilioFailure(refusal(400, { code: 21211, message: "Invalid 'To' Phone Number" }), "Not sent");
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe("Not sent: This is not a valid phone number.");
    expect(error.code).toBe("carrier_error");
  });

  it("prefers the caller's explanation for a code", () => {
    const error = twilioFailure(refusal(400, { code: 21422, message: "not available" }), "Not bought", { 21422: "Someone else bought it." });
    expect(error.message).toBe("Not bought: Someone else bought it.");
  });

  it("quotes Twilio's own sentence, with the code, when the code is not known", () => {
    const error = twilioFailure(refusal(400, { code: 21502, message: "Invalid SmsUrl" }), "SMS could not be set up");
    expect(error.message).toBe("SMS could not be set up: Twilio said: “Invalid SmsUrl” (error 21502).");
  });

  it("copes with an answer that is not JSON", () => {
    const error = twilioFailure(refusal(502, "<html>Bad gateway</html>"), "Not bought");
    expect(error.message).toBe("Not bought: Twilio said: “[HTTP 502] Failed to execute request”.");
  });

  it("says Twilio could not be reached on a network failure, and rethrows anything else", () => {
    const network = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(twilioFailure(network, "Not bought").message).toBe("Not bought: Twilio could not be reached. Try again in a moment.");
    const bug = new TypeError("undefined is not a function");
    expect(() => twilioFailure(bug, "Not bought")).toThrow(bug);
  });
});

describe("isTwilioNotFound", () => {
  it("is true for Twilio's 404 only", () => {
    expect(isTwilioNotFound(refusal(404, { code: 20404, message: "not found" }))).toBe(true);
    expect(isTwilioNotFound(refusal(400, { code: 21421, message: "bad" }))).toBe(false);
    expect(isTwilioNotFound(new Error("404"))).toBe(false);
  });
});
