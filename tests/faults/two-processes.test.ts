import { randomInt, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "@/bench/server";
import { BUSINESS_NUMBER } from "@/bench/ingest";
import { BENCH_ADMIN, BENCH_AGENT, seedBase, seedSendingNumber, type Seeded } from "@/bench/seed";
import { messages, ruleRuns, sandboxMessages, tickets, users } from "@/db/schema";
import { createRule, removeRule } from "@/lib/rules/manage";
import { createDatabase, getJson, inboundSms, openEventStream, postInbound, postReply, sendJson, signIn, sleep, startAppProcess, waitUntil, type EventStream, type FreshDatabase } from "./support/app-pair";

// Both workers poll often, so every job is offered to both processes, not only to the one
// that was woken by the request.
const JOB_POLL_MS = "100";

/** A customer number the sandbox's carrier delivers to (its last four digits are not a failing one). */
function customerNumber(): string {
  return `+1628555${randomInt(1000, 10_000)}`;
}

describe("two app processes on one PostgreSQL database", () => {
  let database: FreshDatabase;
  let seeded: Seeded;
  let a: AppServer;
  let b: AppServer;
  let cookie: string;
  /** The second person: an agent, signed in on B (and, with the same session, on A). */
  let agentCookie: string;
  let adminId: string;
  let agentId: string;

  const db = () => database.handle.db;
  async function receive(app: AppServer, from: string, body: string) {
    const params = inboundSms({ accountSid: seeded.accountSid, from, to: BUSINESS_NUMBER, body });
    expect(await postInbound(app.url, seeded.authToken, params)).toBe(200);
    const [stored] = await db().select().from(messages).where(eq(messages.twilioSid, params.MessageSid!));
    expect(stored).toBeDefined();
    return { params, message: stored! };
  }
  /** Every message the sandbox accepted to send to `to` with this text: what the customer's phone got. */
  async function sandboxOutbound(to: string, body: string) {
    return db().select().from(sandboxMessages).where(and(eq(sandboxMessages.to, to), eq(sandboxMessages.body, body), sql`${sandboxMessages.direction} like 'outbound%'`));
  }

  beforeAll(async () => {
    database = await createDatabase("faults_two");
    seeded = await seedBase(db(), 20);
    await seedSendingNumber(db(), seeded);
    const env = { JOB_POLL_MS };
    [a, b] = await Promise.all([
      startAppProcess({ port: 3450, databaseUrl: database.url, env }),
      startAppProcess({ port: 3451, databaseUrl: database.url, env }),
    ]);
    // Signed in on A; the session is honoured by B too (the secret lives in the database).
    cookie = await signIn(a.url, BENCH_ADMIN);
    agentCookie = await signIn(b.url, BENCH_AGENT);
    const people = await db().select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, [BENCH_ADMIN.email, BENCH_AGENT.email]));
    adminId = people.find((person) => person.email === BENCH_ADMIN.email)!.id;
    agentId = people.find((person) => person.email === BENCH_AGENT.email)!.id;
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    const problems = [a, b].map((app) => app?.output() ?? "").join("").split("\n").filter((line) => /"level":(50|60)|Error:/.test(line));
    if (problems.length) console.log(`app errors:\n${problems.slice(0, 20).join("\n")}`);
    await database?.drop();
  });

  it("shows a webhook posted to A live on an event stream served by B", async () => {
    const stream = await openEventStream(b.url, cookie);
    try {
      await stream.ready;
      const customer = customerNumber();
      // A new customer's first message opens a ticket; the inbox learns of the ticket.
      const first = await receive(a, customer, "Hi, is my parcel on its way?");
      await stream.waitFor((event) => event.type === "ticket.created" && event.ticketId === first.message.ticketId);
      // Their next one joins it; the inbox learns of the message.
      const second = await receive(a, customer, "It was order 4411.");
      expect(second.message.ticketId).toBe(first.message.ticketId);
      await stream.waitFor((event) => event.type === "message.created" && event.messageId === second.message.id);
    } finally {
      stream.close();
    }
  });

  it("sends a reply queued on A exactly once while both processes run their sending pass", async () => {
    const replies = [];
    for (let i = 0; i < 6; i++) {
      const customer = customerNumber();
      const { message } = await receive(i % 2 ? b : a, customer, `Question ${i}: can I change the delivery address?`);
      const body = `Yes, reply ${i} here: send us the new address. (${customer})`;
      replies.push({ customer, body, ticketId: message.ticketId });
    }
    const queued = await Promise.all(replies.map((reply) => postReply(a.url, cookie, reply.ticketId, reply.body)));
    expect(queued.map((result) => result.status)).toEqual(replies.map(() => 201));
    const ids = queued.map((result) => result.messageId!);

    const rows = await waitUntil(
      () => db().select().from(messages).where(inArray(messages.id, ids)),
      (list) => list.length === ids.length && list.every((row) => row.status === "delivered"),
      { what: "every reply delivered" },
    );
    // Time for a second worker's copy of a send, had there been one, to reach the sandbox.
    await sleep(3000);
    for (const reply of replies) expect(await sandboxOutbound(reply.customer, reply.body)).toHaveLength(1);
    for (const row of rows) {
      expect(row.twilioSid).toMatch(/^SM/);
      expect(row.sendAttempts).toBe(1);
    }
    const [sandboxSids] = await db().select({ n: sql<number>`count(distinct ${sandboxMessages.sid})::int` }).from(sandboxMessages).where(inArray(sandboxMessages.sid, rows.map((row) => row.twilioSid!)));
    expect(sandboxSids!.n).toBe(ids.length);
  });

  it("runs an enabled auto-reply rule once per webhook although both processes run jobs", async () => {
    const text = "Thanks for your message! An agent will answer within the hour.";
    const rule = await createRule({ db: db(), input: { name: "Acknowledge", trigger: "message_received", conditions: [], actions: [{ type: "auto_reply", text }] } });
    try {
      const customers = Array.from({ length: 4 }, customerNumber);
      const received = [];
      for (const [index, customer] of customers.entries()) received.push(await receive(index % 2 ? b : a, customer, "Do you ship to Canada?"));
      // Twilio retrying a webhook lands on either process; it is the same message.
      const retried = inboundSms({ accountSid: seeded.accountSid, from: customerNumber(), to: BUSINESS_NUMBER, body: "Are you open on Sunday?" });
      const statuses = await Promise.all([postInbound(a.url, seeded.authToken, retried), postInbound(b.url, seeded.authToken, retried)]);
      expect(statuses).toEqual([200, 200]);
      customers.push(retried.From!);
      const [retriedMessage] = await db().select().from(messages).where(eq(messages.twilioSid, retried.MessageSid!));
      expect(retriedMessage).toBeDefined();

      const inboundIds = [...received.map((item) => item.message.id), retriedMessage!.id];
      await waitUntil(
        () => db().select().from(messages).where(and(eq(messages.direction, "outbound"), eq(messages.body, text))),
        (list) => list.length >= customers.length && list.every((row) => row.status === "delivered"),
        { what: "every auto-reply delivered" },
      );
      await sleep(3000);
      for (const customer of customers) expect(await sandboxOutbound(customer, text)).toHaveLength(1);
      const runs = await db().select().from(ruleRuns).where(and(eq(ruleRuns.ruleId, rule.id), inArray(ruleRuns.messageId, inboundIds)));
      expect(runs).toHaveLength(inboundIds.length);
      expect(runs.every((run) => run.autoReplied)).toBe(true);
      const [stored] = await db().select({ n: sql<number>`count(*)::int` }).from(messages).where(eq(messages.twilioSid, retried.MessageSid!));
      expect(stored!.n).toBe(1);
      const [ticketCount] = await db().select({ n: sql<number>`count(*)::int` }).from(tickets).where(eq(tickets.id, retriedMessage!.ticketId));
      expect(ticketCount!.n).toBe(1);
    } finally {
      await removeRule({ db: db(), id: rule.id });
    }
  });

  describe("presence and unread state", () => {
    interface Viewer {
      userId: string;
      name: string;
      typing: boolean;
    }
    interface Counts {
      open: number;
      unread: { open: number; mine: number; unassigned: number };
    }
    const presencePath = (ticketId: string) => `/api/tickets/${ticketId}/presence`;
    /** How many events of this kind about this ticket the stream has seen. */
    const seen = (stream: EventStream, type: string, ticketId: string) => stream.events.filter((event) => event.type === type && event.ticketId === ticketId).length;
    const countsOf = (app: AppServer, who: string) => getJson<Counts>(app.url, who, "/api/tickets/counts");
    const isUnread = async (app: AppServer, who: string, ticketId: string) => (await getJson<{ ticket: { unread: boolean } }>(app.url, who, `/api/tickets/${ticketId}`)).ticket.unread;

    it("shows an agent who opens a ticket and types on A to the agent on B, live and in B's presence API", async () => {
      const { message } = await receive(a, customerNumber(), "Can I return a gift without the receipt?");
      const ticketId = message.ticketId;
      const stream = await openEventStream(b.url, agentCookie);
      try {
        await stream.ready;
        const viewersOnB = async () => (await getJson<{ viewers: Viewer[] }>(b.url, agentCookie, presencePath(ticketId))).viewers;
        expect(await viewersOnB()).toEqual([]);

        // The agent on B has the ticket open too (B publishes that; wait for it to pass).
        const agentTab = randomUUID();
        const agentReport = await sendJson<{ viewers: Viewer[] }>(b.url, agentCookie, "POST", presencePath(ticketId), { tabId: agentTab, state: "viewing" });
        expect(agentReport).toEqual({ status: 200, json: { viewers: [] } });
        await stream.waitFor(() => seen(stream, "presence.changed", ticketId) >= 1);

        // The admin opens it on A: B's stream says so, and A's answer names the agent on B.
        const adminTab = randomUUID();
        const opened = await sendJson<{ viewers: Viewer[] }>(a.url, cookie, "POST", presencePath(ticketId), { tabId: adminTab, state: "viewing" });
        expect(opened).toEqual({ status: 200, json: { viewers: [{ userId: agentId, name: "Bench Agent", typing: false }] } });
        await stream.waitFor(() => seen(stream, "presence.changed", ticketId) >= 2);
        const event = stream.events.filter((item) => item.type === "presence.changed" && item.ticketId === ticketId)[1]!;
        // Who and where, never what: the event carries no text.
        expect(Object.keys(event).sort()).toEqual(["ticketId", "type"]);
        expect(await viewersOnB()).toEqual([{ userId: adminId, name: "Bench Admin", typing: false }]);

        // A heartbeat that changes nothing others see publishes nothing; typing does.
        expect((await sendJson(a.url, cookie, "POST", presencePath(ticketId), { tabId: adminTab, state: "viewing" })).status).toBe(200);
        expect((await sendJson(a.url, cookie, "POST", presencePath(ticketId), { tabId: adminTab, state: "typing" })).status).toBe(200);
        await stream.waitFor(() => seen(stream, "presence.changed", ticketId) >= 3);
        expect(await viewersOnB()).toEqual([{ userId: adminId, name: "Bench Admin", typing: true }]);
        // Time for an event from the repeated "viewing", had there been one, to arrive.
        await sleep(1000);
        expect(seen(stream, "presence.changed", ticketId)).toBe(3);

        // The admin's tab leaves the ticket: gone on B.
        expect((await sendJson(a.url, cookie, "POST", presencePath(ticketId), { tabId: adminTab, state: "left" })).status).toBe(200);
        await stream.waitFor(() => seen(stream, "presence.changed", ticketId) >= 4);
        expect(await viewersOnB()).toEqual([]);
      } finally {
        stream.close();
      }
    });

    it("makes a customer's message through A unread for the agent on B, and reading it on B clears it on A", async () => {
      const [streamOnA, streamOnB] = await Promise.all([openEventStream(a.url, agentCookie), openEventStream(b.url, agentCookie)]);
      try {
        await Promise.all([streamOnA.ready, streamOnB.ready]);
        const before = await countsOf(b, agentCookie);
        const customer = customerNumber();

        // A new customer writes through A: one more unread ticket for the agent, counted on B.
        const first = await receive(a, customer, "Hello, my order arrived damaged.");
        const ticketId = first.message.ticketId;
        await streamOnB.waitFor((event) => event.type === "ticket.created" && event.ticketId === ticketId);
        expect((await countsOf(b, agentCookie)).unread.open).toBe(before.unread.open + 1);
        expect(await isUnread(b, agentCookie, ticketId)).toBe(true);

        // The agent opens it on B: read on A, which heard of it live.
        expect((await sendJson(b.url, agentCookie, "PATCH", `/api/tickets/${ticketId}`, { action: "read" })).status).toBe(200);
        const read = await streamOnA.waitFor((event) => event.type === "ticket.read" && event.ticketId === ticketId);
        expect(read.userId).toBe(agentId);
        expect((await countsOf(a, agentCookie)).unread.open).toBe(before.unread.open);
        expect(await isUnread(a, agentCookie, ticketId)).toBe(false);
        // Per agent: the admin has not read it.
        expect(await isUnread(a, cookie, ticketId)).toBe(true);

        // The customer writes again through A: unread again for the agent on B.
        const second = await receive(a, customer, "The box was crushed, photos to follow.");
        expect(second.message.ticketId).toBe(ticketId);
        await streamOnB.waitFor((event) => event.type === "message.created" && event.messageId === second.message.id);
        expect((await countsOf(b, agentCookie)).unread.open).toBe(before.unread.open + 1);
        expect(await isUnread(b, agentCookie, ticketId)).toBe(true);

        // Read on B once more: cleared on A.
        expect((await sendJson(b.url, agentCookie, "PATCH", `/api/tickets/${ticketId}`, { action: "read" })).status).toBe(200);
        await streamOnA.waitFor(() => seen(streamOnA, "ticket.read", ticketId) >= 2);
        expect((await countsOf(a, agentCookie)).unread.open).toBe(before.unread.open);
      } finally {
        streamOnA.close();
        streamOnB.close();
      }
    });
  });
});
