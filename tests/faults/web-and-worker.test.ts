import { randomInt } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "@/bench/server";
import { BUSINESS_NUMBER } from "@/bench/ingest";
import { BENCH_ADMIN, seedBase, seedSendingNumber, type Seeded } from "@/bench/seed";
import { jobs, messages, sandboxMessages } from "@/db/schema";
import { createDatabase, inboundSms, postInbound, postReply, signIn, sleep, startAppProcess, waitUntil, type FreshDatabase } from "./support/app-pair";

// The ports of this suite's two processes: a web process (pages, webhooks, no jobs) and a
// worker process (jobs, /api/health only), on one PostgreSQL database.
const WEB_PORT = 3470;
const WORKER_PORT = 3471;
// The worker polls once at start and then not again within this suite, so every reply it
// sends after its start it was woken for by the notification the reply published.
const WORKER_POLL_MS = 120_000;

function customerNumber(): string {
  return `+1628555${randomInt(1000, 10_000)}`;
}

/** At most `limit` of `tasks` at once, as a load balancer's few connections would carry them. */
async function inBatches<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

describe("a web process and a worker process on one PostgreSQL database", () => {
  let database: FreshDatabase;
  let seeded: Seeded;
  let web: AppServer;
  let worker: AppServer | undefined;
  let cookie: string;

  const db = () => database.handle.db;
  async function receive(from: string, body: string) {
    const params = inboundSms({ accountSid: seeded.accountSid, from, to: BUSINESS_NUMBER, body });
    expect(await postInbound(web.url, seeded.authToken, params)).toBe(200);
    const [stored] = await db().select().from(messages).where(eq(messages.twilioSid, params.MessageSid!));
    expect(stored).toBeDefined();
    return stored!;
  }
  async function reply(ticketId: string, body: string): Promise<string> {
    const queued = await postReply(web.url, cookie, ticketId, body);
    expect(queued.status).toBe(201);
    return queued.messageId!;
  }
  async function sandboxOutbound(to: string, body: string) {
    return db().select().from(sandboxMessages).where(and(eq(sandboxMessages.to, to), eq(sandboxMessages.body, body), sql`${sandboxMessages.direction} like 'outbound%'`));
  }
  async function health(url: string) {
    const response = await fetch(`${url}/api/health`);
    return { status: response.status, json: (await response.json()) as { status: string; role: string } };
  }

  beforeAll(async () => {
    database = await createDatabase("faults_roles");
    seeded = await seedBase(db(), 20);
    await seedSendingNumber(db(), seeded);
    // A poll as short as this would run a queued reply within the wait below, had the web process a worker.
    web = await startAppProcess({ port: WEB_PORT, databaseUrl: database.url, env: { APP_ROLE: "web", JOB_POLL_MS: "100" } });
    cookie = await signIn(web.url, BENCH_ADMIN);
  });

  afterAll(async () => {
    await Promise.all([web?.stop(), worker?.stop()]);
    const problems = [web, worker].map((app) => app?.output() ?? "").join("").split("\n").filter((line) => /"level":(50|60)|Error:/.test(line));
    if (problems.length) console.log(`app errors:\n${problems.slice(0, 20).join("\n")}`);
    await database?.drop();
  });

  let waitingReply: { id: string; customer: string; body: string };

  it("runs no jobs in a web process: a reply queued through it stays queued while no worker runs", async () => {
    expect(await health(web.url)).toEqual({ status: 200, json: expect.objectContaining({ status: "ok", role: "web" }) });
    const customer = customerNumber();
    const inbound = await receive(customer, "Is the blue jacket back in stock?");
    const body = `It is back, in every size. (${customer})`;
    const id = await reply(inbound.ticketId, body);
    waitingReply = { id, customer, body };

    // Thirty of the web process's polls.
    await sleep(3000);
    const [message] = await db().select().from(messages).where(eq(messages.id, id));
    expect(message!.status).toBe("pending");
    expect(message!.twilioSid).toBeNull();
    expect(message!.sendAttempts).toBe(0);
    const [job] = await db().select().from(jobs).where(eq(jobs.dedupeKey, `send:${id}`));
    expect(job).toMatchObject({ attempts: 0, doneAt: null, lockedUntil: null });
    expect(await sandboxOutbound(customer, body)).toHaveLength(0);
  });

  it("sends that reply once a worker process starts, and the worker serves only its health check", async () => {
    // Twilio calls back, and the sandbox's Twilio API answers, at the web process.
    worker = await startAppProcess({
      port: WORKER_PORT,
      databaseUrl: database.url,
      env: { APP_ROLE: "worker", JOB_POLL_MS: String(WORKER_POLL_MS), PUBLIC_BASE_URL: web.url, INTERNAL_BASE_URL: web.url },
    });
    expect(await health(worker.url)).toEqual({ status: 200, json: expect.objectContaining({ status: "ok", role: "worker" }) });
    for (const [method, path] of [["GET", "/"], ["GET", "/login"], ["GET", "/api/tickets/counts"], ["POST", "/api/twilio/sms"], ["POST", "/api/twilio/status"], ["GET", "/sandbox/twilio/2010-04-01/Accounts.json"], ["GET", "/api/events"]] as const) {
      const response = await fetch(`${worker.url}${path}`, { method, headers: { Cookie: cookie } });
      await response.arrayBuffer();
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
    }

    const sent = await waitUntil(
      () => db().select().from(messages).where(eq(messages.id, waitingReply.id)),
      ([row]) => !!row?.twilioSid,
      { what: "the waiting reply sent", timeoutMs: 30_000 },
    );
    expect(sent[0]!.twilioSid).toMatch(/^SM/);
    expect(sent[0]!.sendAttempts).toBe(1);
    expect(await sandboxOutbound(waitingReply.customer, waitingReply.body)).toHaveLength(1);
  });

  it("sends a reply queued through the web process at once, woken by its notification, not by the poll", async () => {
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const inbound = await receive(customerNumber(), `Question ${i}: do you gift-wrap?`);
      const id = await reply(inbound.ticketId, `Yes, we gift-wrap for free (${i}).`);
      // From the agent's "queued" (the 201) to Twilio's SID stored: the worker woke, claimed the job and sent.
      const started = performance.now();
      for (;;) {
        const [row] = await db().select({ twilioSid: messages.twilioSid }).from(messages).where(eq(messages.id, id));
        if (row?.twilioSid) break;
        if (performance.now() - started > 30_000) throw new Error(`reply ${i} not sent within 30 s`);
        await sleep(10);
      }
      waits.push(Math.round(performance.now() - started));
    }
    console.log(`reply queued on web (201) → sent by worker (Twilio SID stored), ms: ${waits.join(", ")}`);
    // Left to the poll, each would wait for minutes. (Typically 0.1–0.2 s on an idle 2-core machine; the
    // bound leaves room for a loaded one.)
    for (const wait of waits) expect(wait).toBeLessThan(10_000);
  });

  it("loses and duplicates nothing in a burst of webhooks, Twilio's retries and replies", async () => {
    const distinct = new Set<string>();
    while (distinct.size < 12) distinct.add(customerNumber());
    const customers = [...distinct];
    const webhooks = Array.from({ length: 48 }, (_, index) =>
      inboundSms({ accountSid: seeded.accountSid, from: customers[index % customers.length]!, to: BUSINESS_NUMBER, body: `Burst message ${index}` }),
    );
    // Every fourth webhook arrives twice, as when Twilio retries one whose answer it missed.
    const deliveries = [...webhooks, ...webhooks.filter((_, index) => index % 4 === 0)];
    const statuses = await inBatches(deliveries.map((params) => () => postInbound(web.url, seeded.authToken, params)), 10);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const sids = webhooks.map((params) => params.MessageSid!);
    const stored = await db().select({ sid: messages.twilioSid, n: sql<number>`count(*)::int` }).from(messages).where(inArray(messages.twilioSid, sids)).groupBy(messages.twilioSid);
    expect(stored).toHaveLength(sids.length);
    expect(stored.every((row) => row.n === 1)).toBe(true);

    // One reply to each customer's ticket, all at once.
    const tickets = await db().selectDistinct({ ticketId: messages.ticketId, from: messages.fromE164 }).from(messages).where(inArray(messages.twilioSid, sids));
    expect(tickets).toHaveLength(customers.length);
    const replies = tickets.map((ticket) => ({ ticketId: ticket.ticketId, from: ticket.from!, body: `Thanks, all ${ticket.from} messages received.` }));
    const ids = await inBatches(replies.map((item) => () => reply(item.ticketId, item.body)), 10);

    const rows = await waitUntil(
      () => db().select().from(messages).where(inArray(messages.id, ids)),
      (list) => list.length === ids.length && list.every((row) => !!row.twilioSid),
      { what: "every reply sent", timeoutMs: 60_000 },
    );
    // Time for a second send of any reply, had there been one, to reach the sandbox.
    await sleep(2000);
    for (const item of replies) expect(await sandboxOutbound(item.from, item.body)).toHaveLength(1);
    expect(new Set(rows.map((row) => row.twilioSid)).size).toBe(ids.length);
    expect(rows.every((row) => row.sendAttempts === 1)).toBe(true);
  });

  it("loses and sends twice nothing when the worker is killed (SIGKILL) in the middle of replies, and webhooks keep coming while no worker runs", async () => {
    const customers = Array.from({ length: 10 }, (_, index) => `+1628556${String(1000 + index)}`);
    const inbound = [];
    for (const customer of customers) inbound.push(await receive(customer, "Has my order shipped?"));
    const replies = inbound.map((message, index) => ({ ticketId: message.ticketId, to: customers[index]!, body: `It shipped this morning (${customers[index]}).` }));
    const ids = await inBatches(replies.map((item) => () => reply(item.ticketId, item.body)), 5);
    // The worker dies as it works through them, once the first is sent: the rest handed to
    // Twilio without its answer back, or not yet claimed.
    const sentBeforeKill = await waitUntil(
      () => db().select({ id: messages.id }).from(messages).where(and(inArray(messages.id, ids), isNotNull(messages.twilioSid))),
      (list) => list.length > 0,
      { what: "the first reply sent", timeoutMs: 30_000 },
    );
    await worker!.kill();
    worker = undefined;

    // The web process answers Twilio throughout.
    const whileDown = customers.map((from, index) => inboundSms({ accountSid: seeded.accountSid, from, to: BUSINESS_NUMBER, body: `Thanks! (${index})` }));
    for (const params of whileDown) expect(await postInbound(web.url, seeded.authToken, params)).toBe(200);
    const stored = await db().select({ sid: messages.twilioSid }).from(messages).where(inArray(messages.twilioSid, whileDown.map((params) => params.MessageSid!)));
    expect(stored).toHaveLength(whileDown.length);

    // A new worker takes over; work the dead one had claimed comes back when its lease runs out.
    worker = await startAppProcess({
      port: WORKER_PORT,
      databaseUrl: database.url,
      env: { APP_ROLE: "worker", JOB_POLL_MS: "1000", PUBLIC_BASE_URL: web.url, INTERNAL_BASE_URL: web.url },
    });
    const rows = await waitUntil(
      () => db().select().from(messages).where(inArray(messages.id, ids)),
      (list) => list.length === ids.length && list.every((row) => !!row.twilioSid || row.status === "unknown"),
      { what: "every reply sent, or marked as perhaps sent", timeoutMs: 150_000 },
    );
    // Each send's job ends too (a message is marked before its job is), none left to run again.
    await waitUntil(
      () => db().select({ n: sql<number>`count(*)::int` }).from(jobs).where(and(isNull(jobs.doneAt), isNull(jobs.failedAt), inArray(jobs.dedupeKey, ids.map((id) => `send:${id}`)))),
      (unfinished) => unfinished[0]!.n === 0,
      { what: "every send's job finished", timeoutMs: 150_000 },
    );
    await sleep(2000);
    for (const [index, item] of replies.entries()) {
      const row = rows.find((message) => message.id === ids[index])!;
      const atTwilio = await sandboxOutbound(item.to, item.body);
      // Sent: once. Perhaps sent (Twilio had it when the worker died): never sent again.
      if (row.twilioSid) expect(atTwilio).toHaveLength(1);
      else expect(atTwilio.length).toBeLessThanOrEqual(1);
    }
    console.log(`worker killed with ${sentBeforeKill.length} of ${ids.length} replies sent; in the end ${rows.filter((row) => row.twilioSid).length} sent, ${rows.filter((row) => row.status === "unknown").length} marked as perhaps sent`);
  });
});
