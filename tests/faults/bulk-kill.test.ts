import { randomInt } from "node:crypto";
import { encode } from "next-auth/jwt";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "@/bench/server";
import { bulkSteps, customers, events, tickets } from "@/db/schema";
import { createDatabase, sendJson, sleep, startAppProcess, waitUntil, type FreshDatabase } from "./support/app-pair";
import { SESSION_SECRET } from "./support/agent";
import { seedInbox } from "./support/seed";

const PORT = 3510;
const TICKETS = 5000;
// Polled often, so the new process takes the step over as soon as the dead one's lease runs out.
const env = { NEXTAUTH_SECRET: SESSION_SECRET, JOB_POLL_MS: "200" };

describe("the app is killed (SIGKILL) halfway through closing thousands of tickets, and a new process finishes the step", () => {
  let database: FreshDatabase;
  let app: AppServer | undefined;
  let cookie: string;
  const db = () => database.handle.db;

  beforeAll(async () => {
    database = await createDatabase("h1_faults_bulk");
    const { integrationId, agentId } = await seedInbox(db());
    const base = randomInt(1_000_000, 8_000_000);
    for (let start = 0; start < TICKETS; start += 1000) {
      const made = await db()
        .insert(customers)
        .values(Array.from({ length: Math.min(1000, TICKETS - start) }, (_, i) => ({ phoneE164: `+1628${base + start + i}`, country: "US" })))
        .returning({ id: customers.id });
      await db().insert(tickets).values(made.map((customer) => ({ integrationId, customerId: customer.id, lastMessagePreview: "Hello?" })));
    }
    cookie = `next-auth.session-token=${await encode({ token: { sub: agentId, signedInAt: Date.now() }, secret: SESSION_SECRET })}`;
  });

  afterAll(async () => {
    await app?.kill();
    await database?.drop();
  });

  const step = async (id: string) => (await db().select().from(bulkSteps).where(eq(bulkSteps.id, id)))[0]!;

  it("closes each ticket exactly once, with one timeline event each", async () => {
    app = await startAppProcess({ port: PORT, databaseUrl: database.url, env });
    const created = await sendJson<{ id: string; total: number }>(app.url, cookie, "POST", "/api/bulk-steps", { action: "close", selection: { matching: { view: "open" } } });
    expect(created.status).toBe(202);
    expect(created.json.total).toBe(TICKETS);
    const stepId = created.json.id;

    // Killed once some batches have landed and most have not.
    const midway = await waitUntil(() => step(stepId), (row) => row.done > 0, { timeoutMs: 30_000, what: "a first batch" });
    await app.kill();
    app = undefined;
    const atKill = await step(stepId);
    expect(midway.done).toBeGreaterThan(0);
    expect(atKill.status).toBe("running");
    expect(atKill.done).toBeLessThan(TICKETS);
    await sleep(200);
    // Nothing moves while no process runs: the batches that landed are whole, the rest untouched.
    const closedAtKill = (await db().select({ n: sql<number>`count(*)::int` }).from(tickets).where(eq(tickets.status, "closed")))[0]!.n;
    expect(closedAtKill).toBe((await step(stepId)).done);

    app = await startAppProcess({ port: PORT, databaseUrl: database.url, env });
    const finished = await waitUntil(() => step(stepId), (row) => row.status !== "running", { timeoutMs: 60_000, what: "the step to finish" });
    expect(finished).toMatchObject({ status: "done", total: TICKETS, done: TICKETS, changed: TICKETS, skipped: 0 });

    const [open] = await db().select({ n: sql<number>`count(*)::int` }).from(tickets).where(eq(tickets.status, "open"));
    expect(open!.n).toBe(0);
    const perTicket = await db()
      .select({ n: sql<number>`count(*)::int`, tickets: sql<number>`count(distinct ${events.ticketId})::int` })
      .from(events)
      .where(and(eq(events.type, "ticket.closed"), sql`${events.data}->>'bulkStepId' = ${stepId}`));
    expect(perTicket[0]).toEqual({ n: TICKETS, tickets: TICKETS });
  });
});
