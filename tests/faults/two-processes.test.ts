import { randomInt } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "@/bench/server";
import { BUSINESS_NUMBER } from "@/bench/ingest";
import { BENCH_ADMIN, seedBase, seedSendingNumber, type Seeded } from "@/bench/seed";
import { messages, ruleRuns, sandboxMessages, tickets } from "@/db/schema";
import { createRule, removeRule } from "@/lib/rules/manage";
import { createDatabase, inboundSms, openEventStream, postInbound, postReply, signIn, sleep, startAppProcess, waitUntil, type FreshDatabase } from "./support/app-pair";

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
});
