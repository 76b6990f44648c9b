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
    expect(await callback(sid, "sent")).toBe(204);
    expect((await stateOf(sid))?.status).toBe("sent");
    expect(await callback(sid, "delivered")).toBe(204);
    expect(await callback(sid, "sent")).toBe(204);
    expect(await callback(sid, "read")).toBe(204);
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

  it("answers 2xx for an unknown message and creates nothing", async () => {
    const [before] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(messages);
    expect(await callback(messageSid(), "delivered")).toBe(204);
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
});
