import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as inbound } from "@/app/api/twilio/sms/route";
import { POST as status } from "@/app/api/twilio/status/route";
import type { DatabaseHandle } from "@/db/client";
import { messages } from "@/db/schema";
import { log } from "@/lib/log";
import { testDatabases } from "../support/database";
import { BUSINESS, closeInboundDatabase, openInboundDatabase } from "../support/inbound";
import { inboundParams, messageSid, PUBLIC_BASE, signedTwilioRequest } from "../support/twilio";

// Twilio sends the same I-Twilio-Idempotency-Token with every retry of one webhook.
const TOKEN_HEADER = "I-Twilio-Idempotency-Token";

beforeAll(() => {
  process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
});

describe.each(testDatabases())("Twilio's webhook retries on $name", (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    ({ handle } = await openInboundDatabase(database));
  });
  afterAll(() => closeInboundDatabase(handle));
  afterEach(() => vi.restoreAllMocks());

  /** Every object the app logged at info or debug, as JSON text. */
  const spyOnLog = () => {
    const lines: unknown[][] = [];
    for (const level of ["info", "debug"] as const) vi.spyOn(log, level).mockImplementation((...args: unknown[]) => void lines.push(args));
    return () => lines.map((args) => JSON.stringify(args));
  };

  it("stores a retried inbound message once and logs the retry's token with its MessageSid, never its text", async () => {
    const logged = spyOnLog();
    const token = "a2b5ec5c-54b4-4c4b-97b3-3f2b6b9b0c11-inbound";
    const params = await inboundParams({ From: "+14155553001", To: BUSINESS, Body: "Where is my parcel?" });
    const post = async () => (await inbound(await signedTwilioRequest("/api/twilio/sms", params, { headers: { [TOKEN_HEADER]: token } }))).status;

    expect(await post()).toBe(200);
    expect(await post()).toBe(200);
    expect(await handle.db.select().from(messages).where(eq(messages.twilioSid, params.MessageSid!))).toHaveLength(1);

    const withToken = logged().filter((line) => line.includes(token));
    expect(withToken).toHaveLength(2);
    for (const line of withToken) {
      expect(line).toContain(params.MessageSid);
      expect(line).not.toContain("Where is my parcel?");
    }
  });

  it("logs the token of a retried status callback with its MessageSid", async () => {
    const logged = spyOnLog();
    const token = "f3c1a0de-7b1e-4a55-9d7e-0e5a3c1b2d44-status";
    const sid = messageSid();
    const params = { MessageSid: sid, MessageStatus: "delivered", AccountSid: `AC${"0".repeat(32)}` };
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await status(await signedTwilioRequest("/api/twilio/status", params, { headers: { [TOKEN_HEADER]: token } }));
      expect(response.status).toBe(200);
    }
    const withToken = logged().filter((line) => line.includes(token));
    expect(withToken).toHaveLength(2);
    for (const line of withToken) expect(line).toContain(sid);
  });
});
