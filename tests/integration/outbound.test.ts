import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { attachments, events, jobs, messages } from "@/db/schema";
import { testDatabases, useDatabase } from "../support/database";
import { useFakeTwilio } from "../support/fake-twilio";
import { seedAgent, seedTicket } from "../support/inbox-seed";

vi.hoisted(() => {
  // Read when lib/twilio/client.ts loads: a short timeout makes the "hang" case quick.
  process.env.TWILIO_TIMEOUT_MS = "3000";
  process.env.TWILIO_ACCOUNT_SID = `AC${"1".repeat(32)}`;
  process.env.TWILIO_AUTH_TOKEN = "test-auth-token";
  process.env.NEXTAUTH_SECRET = "test-secret-for-signed-media-urls";
  process.env.PUBLIC_BASE_URL = "https://inbox.example.com";
});

const { queueOutboundMessage } = await import("@/lib/outbound/queue");
const { retryOutboundMessage } = await import("@/lib/outbound/retry");
const { runDueJobs: runDueJobsWith } = await import("@/lib/jobs/worker");
const { jobHandlers } = await import("@/lib/setup/jobs");
const runDueJobs = ({ db }: { db: DatabaseHandle["db"] }) => runDueJobsWith({ db, handlers: jobHandlers });

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6360000000020001e221bc330000000049454e44ae426082", "hex");
const PDF = Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");

describe.each(testDatabases())("outbound messages on $name", (database) => {
  let handle: DatabaseHandle;
  const twilio = useFakeTwilio();

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
  });
  afterAll(() => handle.close());

  async function messageRow(id: string) {
    const [row] = await handle.db.select().from(messages).where(eq(messages.id, id));
    return row!;
  }
  async function makeJobsDue() {
    await handle.db.update(jobs).set({ runAt: sql`now()` }).where(sql`${jobs.doneAt} is null and ${jobs.failedAt} is null`);
  }

  it("stores the reply, then sends it once to Twilio with a status callback, even with two workers running", async () => {
    const { ticket, customer, integration } = await seedTicket(handle.db);
    const agent = await seedAgent(handle.db);
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Your order shipped today.", authorId: agent.id });
    expect(message.status).toBe("pending");
    expect(message.fromE164).toBe(integration.phoneE164);
    expect(message.toE164).toBe(customer.phoneE164);

    await Promise.all([runDueJobs({ db: handle.db }), runDueJobs({ db: handle.db }), runDueJobs({ db: handle.db })]);

    const sent = twilio.messageRequests();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toBe(`/2010-04-01/Accounts/${process.env.TWILIO_ACCOUNT_SID}/Messages.json`);
    expect(Object.fromEntries(sent[0]!.params)).toEqual({
      To: customer.phoneE164,
      From: integration.phoneE164,
      Body: "Your order shipped today.",
      StatusCallback: `https://inbox.example.com/api/twilio/status?message=${message.id}&attempt=1`,
    });
    const row = await messageRow(message.id);
    expect(row.status).toBe("queued");
    expect(row.twilioSid).toMatch(/^SM/);
    expect(row.sendAttempts).toBe(1);
  });

  it("never sends one message twice, even when two jobs for it run at once", async () => {
    const { ticket } = await seedTicket(handle.db);
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Only once" });
    await handle.db.insert(jobs).values({ kind: "message.send", payload: { messageId: message.id }, dedupeKey: `duplicate:${message.id}` });
    await Promise.all([runDueJobs({ db: handle.db }), runDueJobs({ db: handle.db })]);
    expect(twilio.messageRequests().filter((request) => request.params.get("Body") === "Only once")).toHaveLength(1);
    expect((await messageRow(message.id)).status).toBe("queued");
  });

  it("retries transient failures (5xx, 429 with Retry-After, refused connection) and then sends", async () => {
    const { ticket } = await seedTicket(handle.db);
    twilio.replies.push({ status: 503, body: { message: "Service unavailable" } });
    twilio.replies.push({ status: 429, body: { code: 20429, message: "Too many requests" }, headers: { "Retry-After": "30" } });
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Try again" });

    const firstTry = Date.now();
    await runDueJobs({ db: handle.db });
    expect((await messageRow(message.id)).status).toBe("pending");
    const [job] = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, `send:${message.id}`));
    expect(job!.doneAt).toBeNull();
    expect(job!.runAt.getTime()).toBeGreaterThan(firstTry);

    await makeJobsDue();
    await runDueJobs({ db: handle.db });
    const [afterRateLimit] = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, `send:${message.id}`));
    // Twilio said "Retry-After: 30", and the worker listens.
    expect(afterRateLimit!.runAt.getTime() - Date.now()).toBeGreaterThan(25_000);

    const reachable = process.env.TWILIO_API_BASE_URL;
    process.env.TWILIO_API_BASE_URL = "http://127.0.0.1:9"; // nothing listens on the discard port
    await makeJobsDue();
    await runDueJobs({ db: handle.db });
    expect((await messageRow(message.id)).status).toBe("pending");
    process.env.TWILIO_API_BASE_URL = reachable;

    await makeJobsDue();
    await runDueJobs({ db: handle.db });
    expect(twilio.messageRequests()).toHaveLength(3);
    const row = await messageRow(message.id);
    expect(row.status).toBe("queued");
    expect(row.sendAttempts).toBe(4);
  });

  it("marks a message unknown after a timeout, and does not send it again by itself", async () => {
    const { ticket } = await seedTicket(handle.db);
    twilio.replies.push("hang");
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Did it go?" });
    await runDueJobs({ db: handle.db });
    const row = await messageRow(message.id);
    expect(row.status).toBe("unknown");
    expect(row.errorMessage).toContain("may or may not have gone out");
    await makeJobsDue();
    await runDueJobs({ db: handle.db });
    expect(twilio.messageRequests()).toHaveLength(1);

    // The agent checks and retries: the same message goes out again, once.
    const agent = await seedAgent(handle.db, "Retry Agent");
    await retryOutboundMessage({ db: handle.db, messageId: message.id, actorId: agent.id });
    expect((await messageRow(message.id)).status).toBe("pending");
    await runDueJobs({ db: handle.db });
    expect(twilio.messageRequests()).toHaveLength(2);
    expect((await messageRow(message.id)).status).toBe("queued");
    const timeline = await handle.db.select().from(events).where(eq(events.ticketId, ticket.id));
    expect(timeline.map((event) => event.type)).toContain("message.retried");
  });

  it("marks a message unknown, without sending, when the worker that claimed it died mid-send", async () => {
    const { ticket } = await seedTicket(handle.db);
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Claimed, then the process died" });
    // What a crash between the claim and Twilio's answer leaves behind: "sending", no SID, and the job's lease expired.
    await handle.db.update(messages).set({ status: "sending", statusChangedAt: new Date(Date.now() - 60_000) }).where(eq(messages.id, message.id));
    await runDueJobs({ db: handle.db });
    expect(twilio.messageRequests()).toHaveLength(0);
    const row = await messageRow(message.id);
    expect(row.status).toBe("unknown");
    expect(row.errorMessage).toContain("Check with the customer before you retry");
  });

  it("fails at once on a permanent Twilio error, with the reason in words", async () => {
    const { ticket } = await seedTicket(handle.db);
    twilio.replies.push({ status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 } });
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Hello" });
    await runDueJobs({ db: handle.db });
    const row = await messageRow(message.id);
    expect(row.status).toBe("failed");
    expect(row.errorCode).toBe(21211);
    expect(row.errorMessage).toBe("This is not a valid phone number.");
    await makeJobsDue();
    await runDueJobs({ db: handle.db });
    expect(twilio.messageRequests()).toHaveLength(1);
  });

  it("sends pictures as signed, expiring media URLs on the public address", async () => {
    const { ticket } = await seedTicket(handle.db);
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "", attachments: [{ fileName: "label.png", data: PNG }] });
    await runDueJobs({ db: handle.db });
    const [request] = twilio.messageRequests();
    const [file] = await handle.db.select().from(attachments).where(eq(attachments.messageId, message.id));
    expect(file).toMatchObject({ status: "stored", contentType: "image/png", size: PNG.length });
    const mediaUrl = new URL(request!.params.get("MediaUrl")!);
    expect(mediaUrl.origin + mediaUrl.pathname).toBe(`https://inbox.example.com/api/media/${file!.id}`);
    expect(Number(mediaUrl.searchParams.get("expires")) * 1000).toBeGreaterThan(Date.now() + 50 * 60 * 1000);
    expect(mediaUrl.searchParams.get("sig")).toMatch(/^[\w-]{43}$/);
  });
});

describe.each(testDatabases())("what cannot be sent, on $name", (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  async function countMessages(ticketId: string) {
    const rows = await handle.db.select({ id: messages.id }).from(messages).where(eq(messages.ticketId, ticketId));
    return rows.length;
  }

  it("refuses an opted-out customer, saying when and what unlocks it", async () => {
    const { ticket } = await seedTicket(handle.db, { optedOut: { keyword: "STOP", at: new Date("2025-11-03T15:00:00Z") }, customerName: "Ann Lee" });
    await expect(queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Hi" })).rejects.toThrow(
      /^Ann Lee replied STOP on 3 Nov( 2025)?\. You can reply after they text START\.$/,
    );
    expect(await countMessages(ticket.id)).toBe(0);
  });

  it("refuses a deactivated integration, a country that is not allowed, and text over the limit", async () => {
    const deactivated = await seedTicket(handle.db, { integration: { status: "deactivated" } });
    await expect(queueOutboundMessage({ db: handle.db, ticketId: deactivated.ticket.id, body: "Hi" })).rejects.toThrow(/is deactivated/);
    const brazil = await seedTicket(handle.db, { customerE164: "+5511987654321", customerCountry: "BR" });
    await expect(queueOutboundMessage({ db: handle.db, ticketId: brazil.ticket.id, body: "Oi" })).rejects.toThrow("Messages to Brazil are not allowed");
    const { ticket } = await seedTicket(handle.db);
    await expect(queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "x".repeat(161) })).rejects.toThrow(
      "This message is 161 characters; the limit for this SMS integration is 160.",
    );
    expect(await countMessages(ticket.id)).toBe(0);
  });

  it("refuses a PDF, checked from its bytes, and pictures where MMS cannot go", async () => {
    const { ticket } = await seedTicket(handle.db);
    await expect(queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "", attachments: [{ fileName: "invoice.png", data: PDF }] })).rejects.toThrow(
      "“invoice.png” is a PDF. Only PNG, JPG and GIF pictures can be sent.",
    );
    const noMms = await seedTicket(handle.db, { twilioMms: false });
    await expect(queueOutboundMessage({ db: handle.db, ticketId: noMms.ticket.id, body: "", attachments: [{ fileName: "a.png", data: PNG }] })).rejects.toThrow(
      "Twilio reports this number cannot send MMS (pictures).",
    );
  });

  it("warns about the messaging policy, and records a deliberate send anyway on the timeline", async () => {
    const { ticket } = await seedTicket(handle.db);
    const agent = await seedAgent(handle.db);
    const attempt = queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "CBD gummies 50% off", authorId: agent.id });
    await expect(attempt).rejects.toMatchObject({ name: "PolicyWarning", policy: { category: "illegal-substances", label: "Federally illegal substances" } });
    expect(await countMessages(ticket.id)).toBe(0);

    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "CBD gummies 50% off", authorId: agent.id, policyOverride: "illegal-substances" });
    expect(message.policyOverride).toBe("illegal-substances");
    const [event] = await handle.db.select().from(events).where(eq(events.ticketId, ticket.id));
    expect(event).toMatchObject({ type: "message.policy_override", actorId: agent.id, data: { category: "illegal-substances", matched: "CBD", messageId: message.id } });
  });
});
