import { describe, expect, it } from "vitest";
import { expectedWebhooks, webhookProblems } from "./webhooks";

const expected = expectedWebhooks("https://support.example.com/");

describe("expectedWebhooks", () => {
  it("points SMS, its fallback and delivery reports at this app, by POST", () => {
    expect(expected).toEqual({
      smsUrl: "https://support.example.com/api/twilio/sms",
      smsMethod: "POST",
      smsFallbackUrl: "https://support.example.com/api/twilio/sms?fallback=1",
      smsFallbackMethod: "POST",
      statusCallback: "https://support.example.com/api/twilio/status",
      statusCallbackMethod: "POST",
    });
  });
});

describe("webhookProblems", () => {
  it("finds nothing wrong with what the app set", () => {
    expect(webhookProblems({ ...expected, smsMethod: "post", smsApplicationSid: "" }, expected)).toEqual([]);
  });

  it("says where messages go instead", () => {
    const problems = webhookProblems({ ...expected, smsUrl: "https://old.example.com/sms" }, expected);
    expect(problems).toEqual([
      {
        setting: "SmsUrl",
        message: "Customers’ messages go to https://old.example.com/sms instead of this app (https://support.example.com/api/twilio/sms).",
      },
    ]);
  });

  it("says when nothing is set at all", () => {
    const messages = webhookProblems({}, expected).map((problem) => problem.message);
    expect(messages).toEqual([
      "Customers’ messages are not sent anywhere (SmsUrl is empty).",
      "Delivery reports are not sent anywhere (StatusCallback is empty).",
      "Retries after a failed delivery to this app are not sent anywhere (SmsFallbackUrl is empty).",
    ]);
  });

  it("notices a GET method and an attached Twilio app", () => {
    const problems = webhookProblems({ ...expected, smsMethod: "GET", smsApplicationSid: "AP123" }, expected);
    expect(problems.map((problem) => problem.setting)).toEqual(["SmsMethod", "SmsApplicationSid"]);
  });
});
