import twilio from "twilio";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { testDatabases, useDatabase } from "@/tests/support/database";
import { POST as smsWebhook } from "./sms/route";
import { POST as statusWebhook } from "./status/route";

const TOKEN = "route-test-token";
const PUBLIC = "https://support.example.com";
const saved = { ...process.env };

function signedRequest(path: string, params: Record<string, string>, options: { query?: string; signWith?: string; tamper?: boolean } = {}) {
  const query = options.query ?? "";
  const signature = twilio.getExpectedTwilioSignature(options.signWith ?? TOKEN, `${PUBLIC}${path}${query}`, params);
  const body = new URLSearchParams(options.tamper ? { ...params, Body: "changed" } : params).toString();
  return new Request(`http://127.0.0.1:3000${path}${query}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
    body,
  });
}

const inbound = { MessageSid: `SM${"a".repeat(32)}`, AccountSid: `AC${"1".repeat(32)}`, From: "+12065550142", To: "+14155550100", Body: "Hello", NumMedia: "0" };
const status = { MessageSid: `SM${"b".repeat(32)}`, MessageStatus: "delivered", SmsStatus: "delivered" };

describe("the Twilio webhook routes", () => {
  // A real (empty) database behind the routes: no integration owns the number, no message has the SID.
  // A copy of the migrated template, as every integration test's (migrating anew took over a minute on a busy CPU).
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    useDatabase(handle);
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    process.env.TWILIO_ACCOUNT_SID = `AC${"1".repeat(32)}`;
    process.env.TWILIO_AUTH_TOKEN = TOKEN;
    process.env.PUBLIC_BASE_URL = PUBLIC;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it("answers a signed inbound message with empty TwiML", async () => {
    const response = await smsWebhook(signedRequest("/api/twilio/sms", inbound));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/xml");
    expect(await response.text()).toContain("<Response/>");
  });

  it("checks the query string exactly as sent", async () => {
    expect((await smsWebhook(signedRequest("/api/twilio/sms", inbound, { query: "?integration=7" }))).status).toBe(200);
    const dropped = signedRequest("/api/twilio/sms", inbound, { query: "?integration=7" });
    const withoutQuery = new Request("http://127.0.0.1:3000/api/twilio/sms", { method: "POST", headers: dropped.headers, body: await dropped.text() });
    expect((await smsWebhook(withoutQuery)).status).toBe(403);
  });

  it("answers a signed status callback with 200 and an empty body", async () => {
    const response = await statusWebhook(signedRequest("/api/twilio/status", status));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });

  it.each([
    ["sms", smsWebhook, "/api/twilio/sms", inbound],
    ["status", statusWebhook, "/api/twilio/status", status],
  ] as const)("%s: refuses a forged or tampered request with 403", async (_, route, path, params) => {
    expect((await route(signedRequest(path, params, { signWith: "not-the-token" }))).status).toBe(403);
    expect((await route(signedRequest(path, params, { tamper: true }))).status).toBe(403);
    const unsigned = new Request(`http://127.0.0.1:3000${path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "a=b" });
    expect((await route(unsigned)).status).toBe(403);
  });

  it("fails closed with 503 when no auth token is configured", async () => {
    delete process.env.TWILIO_AUTH_TOKEN;
    process.env.TWILIO_API_KEY_SID = `SK${"2".repeat(32)}`;
    process.env.TWILIO_API_KEY_SECRET = "key secret";
    expect((await smsWebhook(signedRequest("/api/twilio/sms", inbound))).status).toBe(503);
    expect((await statusWebhook(signedRequest("/api/twilio/status", status))).status).toBe(503);
  });
});
