import { afterEach, describe, expect, it, vi } from "vitest";
import { isTwilioMediaUrl, twilioMediaOrigins } from "./media-host";

const TWILIO = ["https://api.twilio.com"];
const MEDIA = "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages/MM00000000000000000000000000000000/Media/ME00000000000000000000000000000000";

describe("isTwilioMediaUrl", () => {
  it("accepts Twilio's media URLs", () => {
    expect(isTwilioMediaUrl(MEDIA, TWILIO)).toBe(true);
    expect(isTwilioMediaUrl("https://API.twilio.com:443/x", TWILIO)).toBe(true);
  });

  it.each([
    ["another host", "https://media.example.com/x.png"],
    ["a look-alike host", "https://api.twilio.com.example.com/x.png"],
    ["a subdomain", "https://evil.api.twilio.com/x.png"],
    ["plain http", "http://api.twilio.com/x.png"],
    ["another port", "https://api.twilio.com:8443/x.png"],
    ["the loopback address", "http://127.0.0.1:3000/x.png"],
    ["a user name before the host", "https://api.twilio.com@127.0.0.1/x.png"],
    ["credentials in the URL", "https://user:pass@api.twilio.com/x.png"],
    ["another scheme", "file:///etc/passwd"],
    ["no URL at all", "api.twilio.com/x.png"],
  ])("refuses %s", (_, url) => {
    expect(isTwilioMediaUrl(url, TWILIO)).toBe(false);
  });

  it("accepts a stand-in's origin only when it is one of the allowed", () => {
    expect(isTwilioMediaUrl("http://127.0.0.1:4010/media/1", [...TWILIO, "http://127.0.0.1:4010"])).toBe(true);
    expect(isTwilioMediaUrl("http://127.0.0.1:4011/media/1", [...TWILIO, "http://127.0.0.1:4010"])).toBe(false);
    expect(isTwilioMediaUrl("http://localhost:4010/media/1", [...TWILIO, "http://127.0.0.1:4010"])).toBe(false);
  });
});

describe("twilioMediaOrigins", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is Twilio's API host in live mode, and the host TWILIO_API_BASE_URL names when it is set", () => {
    vi.stubEnv("TWILIO_ACCOUNT_SID", `AC${"1".repeat(32)}`);
    vi.stubEnv("TWILIO_AUTH_TOKEN", "token");
    vi.stubEnv("TWILIO_API_BASE_URL", "");
    expect(twilioMediaOrigins()).toEqual(["https://api.twilio.com"]);
    vi.stubEnv("TWILIO_API_BASE_URL", "http://twilio-proxy.internal:8080/base/");
    expect(twilioMediaOrigins()).toEqual(["https://api.twilio.com", "http://twilio-proxy.internal:8080"]);
  });

  it("is the sandbox, this app itself, in sandbox mode", () => {
    vi.stubEnv("TWILIO_ACCOUNT_SID", "");
    vi.stubEnv("TWILIO_API_BASE_URL", "");
    vi.stubEnv("INTERNAL_BASE_URL", "http://127.0.0.1:3999");
    expect(twilioMediaOrigins()).toEqual(["http://127.0.0.1:3999"]);
  });
});
