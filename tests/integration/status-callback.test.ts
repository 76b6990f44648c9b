import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as statusCallback } from "@/app/api/twilio/status/route";
import type { DatabaseHandle } from "@/db/client";
import { customers, messages, smsIntegrations, tickets } from "@/db/schema";
import { getTwilioCredentials } from "@/lib/twilio/credentials";
import { testDatabases, useDatabase } from "../support/database";
import { messageSid, PUBLIC_BASE, signedTwilioRequest } from "../support/twilio";

describe.each(testDatabases())("delivery status callbacks on $name", (database) => {
  let handle: DatabaseHandle;
  let ticketId: string;

  async function outgoing(): Promise<string> {
    const sid = messageSid();
    await handle.db.insert(messages).values({ ticketId, direction: "outbound", body: "Your order shipped", status: "queued", twilioSid: sid });
    return sid;
  }
  async function callback(sid: string, status: string, errorCode?: string) {
    const { accountSid } = await getTwilioCredentials();
    const params: Record<string, string> = { MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, AccountSid: accountSid, From: "+14155550100", To: "+14155552000", ApiVersion: "2010-04-01" };
    if (errorCode) params.ErrorCode = errorCode;
    return (await statusCallback(await signedTwilioRequest("/api/twilio/status", params))).status;
  }
  const stateOf = async (sid: string) => (await handle.db.select().from(messages).where(eq(messages.twilioSid, sid)))[0];

  beforeAll(async () => {
    process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
    handle = await database.open();
    useDatabase(handle);
    const [integration] = await handle.db.insert(smsIntegrations).values({ name: "Shop", phoneE164: "+14155550100" }).returning();
    const [customer] = await handle.db.insert(customers).values({ phoneE164: "+14155552000", country: "US" }).returning();
    const [ticket] = await handle.db.insert(tickets).values({ integrationId: integration!.id, customerId: customer!.id }).returning();
    ticketId = ticket!.id;
  });
  afterAll(async () => {
    await handle.close();
  });

  it("follows a message to delivered, ignoring a late 'sent' and a read receipt", async () => {
    const sid = await outgoing();
    expect(await callback(sid, "sent")).toBe(200);
    expect((await stateOf(sid))?.status).toBe("sent");
    expect(await callback(sid, "delivered")).toBe(200);
    expect(await callback(sid, "sent")).toBe(200);
    expect(await callback(sid, "read")).toBe(200);
    expect((await stateOf(sid))?.status).toBe("delivered");
  });

  it("keeps the error code and explains it in words", async () => {
    const sid = await outgoing();
    await callback(sid, "undelivered", "30003");
    expect(await stateOf(sid)).toMatchObject({ status: "undelivered", errorCode: 30003, errorMessage: "The phone is switched off or unreachable." });
  });

  it("settles on the furthest status when duplicates race each other", async () => {
    const sid = await outgoing();
    await Promise.all([callback(sid, "sent"), callback(sid, "delivered"), callback(sid, "sent"), callback(sid, "delivered"), callback(sid, "sending")]);
    expect((await stateOf(sid))?.status).toBe("delivered");
  });

  it("answers 200 with an empty body for an unknown message and creates nothing", async () => {
    const [before] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(messages);
    const { accountSid } = await getTwilioCredentials();
    const sid = messageSid();
    const answer = await statusCallback(await signedTwilioRequest("/api/twilio/status", { MessageSid: sid, SmsSid: sid, MessageStatus: "delivered", SmsStatus: "delivered", AccountSid: accountSid }));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe("");
    const [after] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(messages);
    expect(after).toEqual(before);
  });

  it("refuses an unsigned callback", async () => {
    const sid = await outgoing();
    const request = new Request("http://localhost/api/twilio/status", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl" },
      body: new URLSearchParams({ MessageSid: sid, MessageStatus: "failed" }).toString(),
    });
    expect((await statusCallback(request)).status).toBe(403);
    expect((await stateOf(sid))?.status).toBe("queued");
  });
  describe("a callback that beats Twilio's answer to the send", () => {
    async function awaitingSid(status: "sending" | "unknown", sendAttempts: number) {
      const [row] = await handle.db.insert(messages).values({ ticketId, direction: "outbound", body: "On its way", status, sendAttempts }).returning();
      return row!;
    }
    async function callbackFor(sid: string, status: string, query: string) {
      const { accountSid } = await getTwilioCredentials();
      const params = { MessageSid: sid, MessageStatus: status, AccountSid: accountSid, From: "+14155550100", To: "+14155552000" };
      return (await statusCallback(await signedTwilioRequest("/api/twilio/status", params, { url: `${PUBLIC_BASE}/api/twilio/status?${query}` }))).status;
    }
    const byId = async (id: string) => (await handle.db.select().from(messages).where(eq(messages.id, id)))[0]!;

    it("finds the message named in its URL, and records its SID and status", async () => {
      const message = await awaitingSid("sending", 1);
      const sid = messageSid();
      expect(await callbackFor(sid, "sent", `message=${message.id}&attempt=1`)).toBe(200);
      expect(await byId(message.id)).toMatchObject({ status: "sent", twilioSid: sid });
      expect(await callbackFor(sid, "delivered", `message=${message.id}&attempt=1`)).toBe(200);
      expect((await byId(message.id)).status).toBe("delivered");
    });

    it("settles a send that timed out (unknown) with what Twilio reports", async () => {
      const message = await awaitingSid("unknown", 2);
      const sid = messageSid();
      await callbackFor(sid, "delivered", `message=${message.id}&attempt=2`);
      expect(await byId(message.id)).toMatchObject({ status: "delivered", twilioSid: sid });
    });

    it("ignores a late callback from an earlier attempt, and a URL that was not signed", async () => {
      const message = await awaitingSid("sending", 2);
      expect(await callbackFor(messageSid(), "undelivered", `message=${message.id}&attempt=1`)).toBe(200);
      expect(await byId(message.id)).toMatchObject({ status: "sending", twilioSid: null });

      const { accountSid } = await getTwilioCredentials();
      const params = { MessageSid: messageSid(), MessageStatus: "delivered", AccountSid: accountSid };
      const forged = await signedTwilioRequest("/api/twilio/status", params, { url: `${PUBLIC_BASE}/api/twilio/status` });
      const retargeted = new Request(`${forged.url}?message=${message.id}&attempt=2`, { method: "POST", headers: forged.headers, body: await forged.text() });
      expect((await statusCallback(retargeted)).status).toBe(403);
      expect(await byId(message.id)).toMatchObject({ status: "sending", twilioSid: null });
    });
  });
});
