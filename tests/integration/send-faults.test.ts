import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages } from "@/db/schema";
import { testDatabases, useDatabase } from "../support/database";
import { useFakeTwilio } from "../support/fake-twilio";
import { runJobsUntilIdle } from "../support/jobs";
import { seedTicket } from "../support/inbox-seed";
import { messageSid, signedTwilioRequest } from "../support/twilio";

vi.hoisted(() => {
  process.env.TWILIO_ACCOUNT_SID = `AC${"4".repeat(32)}`;
  process.env.TWILIO_AUTH_TOKEN = "send-faults-auth-token";
  process.env.NEXTAUTH_SECRET = "send-faults-secret";
  process.env.PUBLIC_BASE_URL = "https://inbox.example.test";
});

const { queueOutboundMessage } = await import("@/lib/outbound/queue");
const { uncheckedOutcomeMessage } = await import("@/lib/outbound/send-errors");
const { POST: statusCallback } = await import("@/app/api/twilio/status/route");

describe.each(testDatabases())("sending when Twilio keeps failing, on $name", (database) => {
  let handle: DatabaseHandle;
  const twilio = useFakeTwilio();

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
  });
  afterAll(() => handle.close());

  const messageRow = async (id: string) => (await handle.db.select().from(messages).where(eq(messages.id, id)))[0]!;

  it("gives up after its last try on a Twilio that answers 500 and 503, and says so in words", async () => {
    const { ticket } = await seedTicket(handle.db);
    for (let i = 0; i < 8; i++) twilio.replies.push({ status: i % 2 ? 503 : 500, body: { code: 20500, message: "Internal Server Error", status: 500 } });
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Twilio is having a bad day" });
    await runJobsUntilIdle(handle.db);
    expect(twilio.messageRequests()).toHaveLength(8);
    const row = await messageRow(message.id);
    expect(row.status).toBe("failed");
    expect(row.errorMessage).toBe("Twilio could not be reached after 8 tries (Twilio answered 503). Retry when it is back.");
  });

  const TWILIO_500 = { status: 500, body: { code: 20500, message: "Internal Server Error", status: 500 } };
  const atTwilio = (body: string) => twilio.messages.filter((message) => message.body === body);

  it("sends once when Twilio made the message and then answered 500: it looks before sending again", async () => {
    const { ticket } = await seedTicket(handle.db);
    twilio.replies.push({ ...TWILIO_500, creates: true });
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Your refund was approved" });
    await runJobsUntilIdle(handle.db);
    expect(atTwilio("Your refund was approved")).toHaveLength(1);
    expect(twilio.messageRequests()).toHaveLength(1);
    expect(await messageRow(message.id)).toMatchObject({ status: "queued", twilioSid: atTwilio("Your refund was approved")[0]!.sid, errorMessage: null });
  });

  it("sends once when Twilio made the message and the connection broke before its answer", async () => {
    const { ticket } = await seedTicket(handle.db);
    twilio.replies.push("accept-and-drop");
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Your exchange was approved" });
    await runJobsUntilIdle(handle.db);
    expect(atTwilio("Your exchange was approved")).toHaveLength(1);
    expect(twilio.messageRequests()).toHaveLength(1);
    expect(await messageRow(message.id)).toMatchObject({ status: "queued", twilioSid: atTwilio("Your exchange was approved")[0]!.sid });
  });

  it("sends again, once, after a 500 that made nothing, and does not take an earlier reply with the same words for it", async () => {
    const { ticket } = await seedTicket(handle.db);
    const earlier = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Thanks, we are on it" });
    await runJobsUntilIdle(handle.db);
    twilio.replies.push(TWILIO_500);
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Thanks, we are on it" });
    await runJobsUntilIdle(handle.db);
    expect(twilio.messageLookups()).toHaveLength(1);
    expect(twilio.messageRequests()).toHaveLength(3);
    const [first, second] = atTwilio("Thanks, we are on it");
    expect(atTwilio("Thanks, we are on it")).toHaveLength(2);
    expect((await messageRow(earlier.id)).twilioSid).toBe(first!.sid);
    expect(await messageRow(message.id)).toMatchObject({ status: "queued", twilioSid: second!.sid });
  });

  it("does not send again when Twilio cannot say whether it took the message, and tells the agent to check", async () => {
    const { ticket } = await seedTicket(handle.db);
    twilio.replies.push({ ...TWILIO_500, creates: true });
    twilio.listReplies.push({ status: 503, body: { code: 20503, message: "Service Unavailable", status: 503 } });
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Your order shipped" });
    await runJobsUntilIdle(handle.db);
    expect(twilio.messageRequests()).toHaveLength(1);
    expect(atTwilio("Your order shipped")).toHaveLength(1);
    expect(await messageRow(message.id)).toMatchObject({ status: "unknown", twilioSid: null, errorMessage: uncheckedOutcomeMessage("Twilio answered 500") });
  });

  it("keeps a delivery report that arrives before the app has recorded Twilio's answer to the send", async () => {
    const { ticket, customer, integration } = await seedTicket(handle.db);
    const sid = messageSid();
    let callbackStatus = 0;
    // Twilio's report on the message overtakes its answer to the POST.
    const racing = http.createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      req.on("end", async () => {
        const callbackUrl = new URLSearchParams(raw).get("StatusCallback")!;
        const params = { MessageSid: sid, SmsSid: sid, MessageStatus: "undelivered", SmsStatus: "undelivered", ErrorCode: "30003", AccountSid: process.env.TWILIO_ACCOUNT_SID!, From: integration.phoneE164, To: customer.phoneE164, ApiVersion: "2010-04-01" };
        callbackStatus = (await statusCallback(await signedTwilioRequest("/api/twilio/status", params, { url: callbackUrl }))).status;
        res.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify({ sid, status: "queued" }));
      });
    });
    await new Promise<void>((resolve) => racing.listen(0, "127.0.0.1", resolve));
    process.env.TWILIO_API_BASE_URL = `http://127.0.0.1:${(racing.address() as AddressInfo).port}`;
    try {
      const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Your parcel is at the door" });
      await runJobsUntilIdle(handle.db);
      expect(callbackStatus).toBe(200);
      expect(await messageRow(message.id)).toMatchObject({ twilioSid: sid, status: "undelivered", errorCode: 30003, errorMessage: "The phone is switched off or unreachable." });
    } finally {
      process.env.TWILIO_API_BASE_URL = twilio.url;
      racing.closeAllConnections();
      racing.close();
    }
  });
});
