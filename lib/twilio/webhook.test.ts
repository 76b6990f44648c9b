import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyTwilioWebhook } from "./webhook";

// twilio-node's own request-validation fixture (spec/validation.spec.js): this token, URL
// and form give this signature, and the same URL with :443 gives the second one.
const TOKEN = "12345";
const URL_PATH = "/myapp.php";
const QUERY = "?foo=1&bar=2";
const PARAMS = { CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" };
const SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
const SIGNATURE_WITH_PORT_443 = "kvajT1Ptam85bY51eRf/AJRuM3w=";

const saved = { ...process.env };

function webhook(init: { query?: string; signature?: string | null; body?: Record<string, string>; host?: string; contentType?: string } = {}) {
  const headers = new Headers({ "Content-Type": init.contentType ?? "application/x-www-form-urlencoded" });
  const signature = init.signature === undefined ? SIGNATURE : init.signature;
  if (signature !== null) headers.set("X-Twilio-Signature", signature);
  // The host the server sees is not the public one: the check must not use it.
  return new Request(`http://${init.host ?? "10.0.0.7:3000"}${URL_PATH}${init.query ?? QUERY}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(init.body ?? PARAMS).toString(),
  });
}

describe("verifyTwilioWebhook", () => {
  beforeEach(() => {
    process.env.TWILIO_ACCOUNT_SID = `AC${"1".repeat(32)}`;
    process.env.TWILIO_AUTH_TOKEN = TOKEN;
    process.env.PUBLIC_BASE_URL = "https://mycompany.com";
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it("accepts twilio-node's published test vector and hands back the parameters", async () => {
    const check = await verifyTwilioWebhook(webhook(), URL_PATH);
    expect(check).toEqual({ ok: true, params: PARAMS });
  });

  it("accepts the public URL written with the default port, either way round", async () => {
    process.env.PUBLIC_BASE_URL = "https://mycompany.com:443";
    expect((await verifyTwilioWebhook(webhook(), URL_PATH)).ok).toBe(true);
    process.env.PUBLIC_BASE_URL = "https://mycompany.com";
    expect((await verifyTwilioWebhook(webhook({ signature: SIGNATURE_WITH_PORT_443 }), URL_PATH)).ok).toBe(true);
  });

  it.each([
    ["a tampered body", () => webhook({ body: { ...PARAMS, Digits: "9999" } })],
    ["an extra parameter", () => webhook({ body: { ...PARAMS, Extra: "1" } })],
    ["a dropped query string", () => webhook({ query: "" })],
    ["a changed query string", () => webhook({ query: "?foo=1&bar=3" })],
    ["a wrong signature", () => webhook({ signature: "WRONG_SIGNATURE" })],
  ])("refuses %s with 403", async (_, make) => {
    const check = await verifyTwilioWebhook(make(), URL_PATH);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.response.status).toBe(403);
  });

  it("refuses the right signature checked against the wrong scheme", async () => {
    process.env.PUBLIC_BASE_URL = "http://mycompany.com";
    const check = await verifyTwilioWebhook(webhook(), URL_PATH);
    expect(check.ok ? 200 : check.response.status).toBe(403);
  });

  it("refuses a request without a signature with 403", async () => {
    const check = await verifyTwilioWebhook(webhook({ signature: null }), URL_PATH);
    expect(check.ok ? 200 : check.response.status).toBe(403);
  });

  it("fails closed with 503 when no auth token is configured to check with", async () => {
    delete process.env.TWILIO_AUTH_TOKEN;
    process.env.TWILIO_API_KEY_SID = `SK${"2".repeat(32)}`;
    process.env.TWILIO_API_KEY_SECRET = "key secret";
    const check = await verifyTwilioWebhook(webhook(), URL_PATH);
    expect(check.ok ? 200 : check.response.status).toBe(503);
  });

  it("refuses a forged request with 403 whatever its content type, before looking at the body", async () => {
    for (const contentType of ["application/json", "text/plain", "multipart/form-data; boundary=x"]) {
      const forged = await verifyTwilioWebhook(webhook({ contentType, signature: "forged+signature=" }), URL_PATH);
      expect(forged.ok ? 200 : forged.response.status).toBe(403);
      const unsigned = await verifyTwilioWebhook(webhook({ contentType, signature: null }), URL_PATH);
      expect(unsigned.ok ? 200 : unsigned.response.status).toBe(403);
    }
    // A form's signature does not cover the same body sent as JSON.
    const relabelled = await verifyTwilioWebhook(webhook({ contentType: "application/json" }), URL_PATH);
    expect(relabelled.ok ? 200 : relabelled.response.status).toBe(403);
  });

  it("refuses a correctly signed body that is not a form with 415", async () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, `https://mycompany.com${URL_PATH}${QUERY}`, {});
    const check = await verifyTwilioWebhook(webhook({ contentType: "application/json", signature }), URL_PATH);
    expect(check.ok ? 200 : check.response.status).toBe(415);
  });

  it("answers 503 without an auth token even to a request with no signature and no form", async () => {
    delete process.env.TWILIO_AUTH_TOKEN;
    process.env.TWILIO_API_KEY_SID = `SK${"2".repeat(32)}`;
    process.env.TWILIO_API_KEY_SECRET = "key secret";
    const check = await verifyTwilioWebhook(webhook({ contentType: "application/json", signature: null }), URL_PATH);
    expect(check.ok ? 200 : check.response.status).toBe(503);
  });
});
