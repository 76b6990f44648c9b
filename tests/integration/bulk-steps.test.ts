import { randomInt } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { claimDueJobs } from "@/db/queries/jobs";
import { bulkSteps, customers, events, jobs, tickets, type Job, type User } from "@/db/schema";
import { runBulkStepJob } from "@/lib/bulk/run";
import type { BulkStepView } from "@/lib/bulk/validation";
import { AppError } from "@/lib/errors";
import { runDueJobs } from "@/lib/jobs/worker";
import { jobHandlers } from "@/lib/setup/jobs";
import { testDatabases, useDatabase } from "../support/database";
import { seedAgent, seedTicket, uniqueUsNumber } from "../support/inbox-seed";
import { runJobsUntilIdle } from "../support/jobs";

const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/session", () => ({
  authorizeRequest: async () => {
    if (!session.user) throw new AppError("unauthorized", "Sign in to continue.");
    return session.user;
  },
}));

// The crash: the process dies inside a batch's transaction, after the batch changed its tickets
// and wrote their timeline events, before it commits. The database rolls the batch back.
const crash = vi.hoisted(() => ({ onBatch: 0, batches: 0 }));
vi.mock("@/db/queries/bulk-steps", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/db/queries/bulk-steps")>();
  return {
    ...real,
    countStepBatch: async (input: Parameters<typeof real.countStepBatch>[0]) => {
      crash.batches++;
      if (crash.onBatch && crash.batches === crash.onBatch) throw new Error("the process was killed");
      return real.countStepBatch(input);
    },
  };
});

const { POST: createRoute } = await import("@/app/api/bulk-steps/route");
const { GET: stepRoute } = await import("@/app/api/bulk-steps/[stepId]/route");
const { POST: undoRoute } = await import("@/app/api/bulk-steps/[stepId]/undo/route");

const BASE = "http://localhost:3000";

async function create(body: unknown): Promise<{ status: number; step: BulkStepView & { error?: { message: string } } }> {
  const response = await createRoute(new Request(`${BASE}/api/bulk-steps`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }));
  return { status: response.status, step: (await response.json()) as never };
}
async function view(stepId: string): Promise<BulkStepView> {
  return (await (await stepRoute(new Request(`${BASE}/api/bulk-steps/${stepId}`), { params: Promise.resolve({ stepId }) })).json()) as BulkStepView;
}
async function undo(stepId: string): Promise<{ status: number; body: BulkStepView & { error?: { message: string } } }> {
  const response = await undoRoute(new Request(`${BASE}/api/bulk-steps/${stepId}/undo`, { method: "POST", }), { params: Promise.resolve({ stepId }) });
  return { status: response.status, body: (await response.json()) as never };
}

function marker(): string {
  return Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join("");
}

/** `count` open tickets on one integration, each its own customer named "<name> <i>". */
async function seedMany(db: Database, count: number, name: string) {
  const { integration, ticket: first, customer } = await seedTicket(db, { customerName: `${name} 0` });
  const made = await db
    .insert(customers)
    .values(Array.from({ length: count - 1 }, (_, i) => ({ phoneE164: uniqueUsNumber(), name: `${name} ${i + 1}`, country: "US" })))
    .returning({ id: customers.id });
  const rest = await db
    .insert(tickets)
    .values(made.map((c) => ({ integrationId: integration.id, customerId: c.id, lastMessagePreview: "Hello?" })))
    .returning({ id: tickets.id });
  return { integration, customerId: customer.id, ids: [first.id, ...rest.map((row) => row.id)] };
}

describe.each(testDatabases())("bulk steps on $name", (database) => {
  let handle: DatabaseHandle;
  let agent: User;
  let other: User;

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    agent = await seedAgent(handle.db, "Bea Bulk");
    other = await seedAgent(handle.db, "Olli Other");
    session.user = agent;
  });
  afterAll(async () => {
    session.user = null;
    await handle.close();
  });

  const statuses = async (ids: string[]) => (await handle.db.select({ id: tickets.id, status: tickets.status, assigneeId: tickets.assigneeId }).from(tickets).where(inArray(tickets.id, ids)));
  const eventsOf = async (ids: string[], type: string) =>
    handle.db.select().from(events).where(and(inArray(events.ticketId, ids), eq(events.type, type)));

  it("closes every ticket a search finds, resolved on the server, each with a timeline event", async () => {
    const word = marker();
    const found = await seedMany(handle.db, 30, `${word} Customer`);
    const notFound = await seedMany(handle.db, 3, `${marker()} Customer`);

    const { status, step } = await create({ action: "close", selection: { matching: { view: "all", q: word } } });
    expect(status).toBe(202);
    expect(step).toMatchObject({ action: "close", status: "running", total: 30, done: 0 });
    await runJobsUntilIdle(handle.db);

    expect(await view(step.id)).toMatchObject({ status: "done", total: 30, done: 30, changed: 30, skipped: 0, canUndo: true });
    expect((await statuses(found.ids)).every((t) => t.status === "closed")).toBe(true);
    expect((await statuses(notFound.ids)).every((t) => t.status === "open")).toBe(true);
    const closed = await eventsOf(found.ids, "ticket.closed");
    expect(closed).toHaveLength(30);
    expect(closed.every((event) => event.actorId === agent.id && event.data.bulkStepId === step.id)).toBe(true);
  });

  it("undoes a close in one step, and leaves closed a ticket whose customer has written again meanwhile", async () => {
    const word = marker();
    const seeded = await seedMany(handle.db, 5, `${word} Person`);
    const { step } = await create({ action: "close", selection: { ticketIds: seeded.ids } });
    await runJobsUntilIdle(handle.db);
    // The first customer writes again: a new open ticket.
    await handle.db.insert(tickets).values({ integrationId: seeded.integration.id, customerId: seeded.customerId });

    const undone = await undo(step.id);
    expect(undone.status).toBe(202);
    await runJobsUntilIdle(handle.db);
    const result = await view(undone.body.id);
    expect(result).toMatchObject({ action: "undo", undoneAction: "close", status: "done", total: 5, changed: 4, skipped: 1, canUndo: false });
    expect(result.skippedReasons).toEqual([{ reason: "The customer already has an open ticket on this SMS integration", count: 1 }]);
    const after = await statuses(seeded.ids);
    expect(after.filter((t) => t.status === "open")).toHaveLength(4);
    expect(after.find((t) => t.id === seeded.ids[0])?.status).toBe("closed");
    expect((await eventsOf(seeded.ids, "ticket.reopened")).map((event) => event.data.undo)).toEqual([true, true, true, true]);

    expect((await view(step.id)).canUndo).toBe(false);
    const twice = await undo(step.id);
    expect(twice.status).toBe(409);
    expect(twice.body.error?.message).toMatch(/already been undone/);
  });

  it("reopens at most one ticket per customer and integration, and says how many it skipped and why", async () => {
    const { ticket: a, integration, customer } = await seedTicket(handle.db);
    const [b] = await handle.db.insert(tickets).values({ integrationId: integration.id, customerId: customer.id, status: "closed", closedAt: new Date() }).returning();
    await handle.db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(eq(tickets.id, a.id));
    // Another customer still has an open ticket beside the closed one selected.
    const { ticket: open, integration: i2, customer: c2 } = await seedTicket(handle.db);
    const [c] = await handle.db.insert(tickets).values({ integrationId: i2.id, customerId: c2.id, status: "closed", closedAt: new Date() }).returning();

    const { step } = await create({ action: "reopen", selection: { ticketIds: [a.id, b!.id, c!.id, open.id] } });
    await runJobsUntilIdle(handle.db);
    const result = await view(step.id);
    expect(result).toMatchObject({ status: "done", total: 4, changed: 1, skipped: 2 });
    expect(result.skippedReasons).toEqual([{ reason: "The customer already has an open ticket on this SMS integration", count: 2 }]);
    const after = await statuses([a.id, b!.id, c!.id]);
    expect(after.filter((t) => t.status === "open")).toHaveLength(1);
    expect(after.find((t) => t.id === c!.id)?.status).toBe("closed");
  });

  it("assigns many tickets, and Undo gives each back the assignee it had", async () => {
    const seeded = await seedMany(handle.db, 4, `${marker()} Client`);
    await handle.db.update(tickets).set({ assigneeId: other.id }).where(eq(tickets.id, seeded.ids[1]!));
    const { step } = await create({ action: "assign", assigneeId: agent.id, selection: { ticketIds: seeded.ids } });
    await runJobsUntilIdle(handle.db);
    expect((await statuses(seeded.ids)).every((t) => t.assigneeId === agent.id)).toBe(true);
    expect(await eventsOf(seeded.ids, "ticket.assigned")).toHaveLength(4);

    const undone = await undo(step.id);
    await runJobsUntilIdle(handle.db);
    expect(await view(undone.body.id)).toMatchObject({ status: "done", changed: 4 });
    const after = new Map((await statuses(seeded.ids)).map((t) => [t.id, t.assigneeId]));
    expect(seeded.ids.map((id) => after.get(id))).toEqual([null, other.id, null, null]);
  });

  it("refuses an agent who cannot be assigned, and a selection of nothing, changing nothing", async () => {
    const before = (await handle.db.select({ n: sql<number>`count(*)::int` }).from(bulkSteps))[0]!.n;
    const gone = await create({ action: "assign", assigneeId: "00000000-0000-4000-8000-000000000000", selection: { ticketIds: ["00000000-0000-4000-8000-000000000001"] } });
    expect(gone.status).toBe(400);
    const none = await create({ action: "close", selection: { matching: { view: "all", q: marker() } } });
    expect(none.status).toBe(400);
    expect(none.step.error?.message).toMatch(/None of those tickets/);
    expect((await create({ action: "explode", selection: { ticketIds: [] } })).status).toBe(400);
    expect((await handle.db.select({ n: sql<number>`count(*)::int` }).from(bulkSteps))[0]!.n).toBe(before);
  });

  it("lands exactly once when the process dies halfway through a step, and a new worker takes over", async () => {
    const seeded = await seedMany(handle.db, 600, `${marker()} Crash`);
    const { step } = await create({ action: "close", selection: { ticketIds: seeded.ids.slice(0, 600) } });
    expect(step.total).toBe(600);

    // The first process claims the job, lands one batch of 250, and dies inside the second.
    const [job] = (await claimDueJobs({ db: handle.db, limit: 10, leaseSeconds: 60 })).filter((row: Job) => row.kind === "bulk.run");
    crash.batches = 0;
    crash.onBatch = 2;
    await expect(runBulkStepJob({ db: handle.db, job: job!, payload: { stepId: step.id } })).rejects.toThrow(/killed/);
    crash.onBatch = 0;
    expect((await statuses(seeded.ids)).filter((t) => t.status === "closed")).toHaveLength(250);
    expect(await eventsOf(seeded.ids, "ticket.closed")).toHaveLength(250);
    expect(await view(step.id)).toMatchObject({ status: "running", done: 250 });

    // A new process starts: the dead one's lease still holds the job, so nothing runs twice.
    await runDueJobs({ db: handle.db, handlers: jobHandlers });
    expect((await view(step.id)).done).toBe(250);
    // Its lease runs out; the new process picks the job up and does the rest.
    await handle.db.update(jobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(jobs.id, job!.id));
    await runDueJobs({ db: handle.db, handlers: jobHandlers });

    expect(await view(step.id)).toMatchObject({ status: "done", total: 600, done: 600, changed: 600 });
    expect((await statuses(seeded.ids)).every((t) => t.status === "closed")).toBe(true);
    const closed = await eventsOf(seeded.ids, "ticket.closed");
    expect(closed).toHaveLength(600);
    expect(new Set(closed.map((event) => event.ticketId)).size).toBe(600);
    const [done] = await handle.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(done?.doneAt).not.toBeNull();
  });
});
