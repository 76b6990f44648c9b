import { describe, expect, it } from "vitest";
import { rewriteTwilioUri } from "./client";

const BASE = "http://127.0.0.1:3000/sandbox/twilio";

describe("rewriteTwilioUri", () => {
  it("sends the REST API (api.twilio.com) to the base, path and query kept", () => {
    expect(rewriteTwilioUri("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?To=%2B1&PageSize=50", BASE)).toBe(
      `${BASE}/2010-04-01/Accounts/AC1/Messages.json?To=%2B1&PageSize=50`,
    );
  });

  it("keeps other Twilio products apart under their subdomain's name", () => {
    expect(rewriteTwilioUri("https://messaging.twilio.com/v1/Services", BASE)).toBe(`${BASE}/messaging/v1/Services`);
    expect(rewriteTwilioUri("https://Lookups.Twilio.com/v2/PhoneNumbers/+14155550100", BASE)).toBe(`${BASE}/lookups/v2/PhoneNumbers/+14155550100`);
  });

  it("reads regional and edge hosts as their product", () => {
    expect(rewriteTwilioUri("https://api.dublin.ie1.twilio.com/2010-04-01/Accounts.json", BASE)).toBe(`${BASE}/2010-04-01/Accounts.json`);
  });

  it("gives a bare host the root path", () => {
    expect(rewriteTwilioUri("https://api.twilio.com", BASE)).toBe(`${BASE}/`);
  });

  it("leaves alone what is not Twilio's API over HTTPS", () => {
    for (const uri of [
      "https://example.com/2010-04-01/Accounts.json",
      "https://api.twilio.com.evil.example/2010-04-01",
      "http://api.twilio.com/2010-04-01/Accounts.json",
      "https://twilio.com/docs",
    ]) {
      expect(rewriteTwilioUri(uri, BASE)).toBe(uri);
    }
  });
});
