import { randomInt } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { claimDueJobs } from "@/db/queries/jobs";
import { bulkSteps, customers, events, jobs, tags, tickets, type Job, type User } from "@/db/schema";
import { runBulkStepJob } from "@/lib/bulk/run";
import type { BulkStepView } from "@/lib/bulk/validation";
import { AppError } from "@/lib/errors";
import { INBOX_CHANNEL, type InboxEvent } from "@/lib/realtime/publish";
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

  const tagsOf = async (ids: string[]) => new Map((await handle.db.select({ id: tickets.id, tags: tickets.tags }).from(tickets).where(inArray(tickets.id, ids))).map((t) => [t.id, t.tags]));
  const snoozesOf = async (ids: string[]) =>
    new Map((await handle.db.select({ id: tickets.id, until: tickets.snoozedUntil }).from(tickets).where(inArray(tickets.id, ids))).map((t) => [t.id, t.until?.toISOString() ?? null]));
  const wakeRows = async (ticketId: string) =>
    (await handle.db.select({ payload: jobs.payload, runAt: jobs.runAt, doneAt: jobs.doneAt }).from(jobs).where(and(eq(jobs.kind, "ticket.wake"), sql`${jobs.payload}->>'ticketId' = ${ticketId}`)));

  it("tags many tickets with one tag, normalised and made once, and Undo takes it off only where the step put it", async () => {
    const name = `Bulk ${marker()}`;
    const clean = name.toLowerCase();
    const seeded = await seedMany(handle.db, 5, `${marker()} Tagged`);
    const [had, untaggedSince] = [seeded.ids[0]!, seeded.ids[1]!];
    await handle.db.update(tickets).set({ tags: [clean] }).where(eq(tickets.id, had));

    const { status, step } = await create({ action: "tag", tag: `  ${name.toUpperCase()} `, selection: { ticketIds: seeded.ids } });
    expect(status).toBe(202);
    await runJobsUntilIdle(handle.db);
    expect(await view(step.id)).toMatchObject({ action: "tag", tag: clean, status: "done", total: 5, changed: 4, skipped: 0, canUndo: true });
    expect([...(await tagsOf(seeded.ids)).values()].every((list) => list.filter((t) => t === clean).length === 1)).toBe(true);
    expect(await handle.db.select({ name: tags.name }).from(tags).where(eq(tags.name, clean))).toEqual([{ name: clean }]);
    const added = await eventsOf(seeded.ids, "ticket.tag_added");
    expect(added.map((event) => event.ticketId).sort()).toEqual(seeded.ids.slice(1).sort());
    expect(added.every((event) => event.data.tag === clean && event.data.bulkStepId === step.id && event.actorId === agent.id)).toBe(true);

    // Someone takes the tag off one ticket meanwhile: Undo leaves that one be.
    await handle.db.update(tickets).set({ tags: [] }).where(eq(tickets.id, untaggedSince));
    const undone = await undo(step.id);
    await runJobsUntilIdle(handle.db);
    expect(await view(undone.body.id)).toMatchObject({ action: "undo", undoneAction: "tag", tag: clean, status: "done", total: 4, changed: 3, skipped: 1 });
    const after = await tagsOf(seeded.ids);
    expect(after.get(had)).toEqual([clean]);
    expect(seeded.ids.slice(1).map((id) => after.get(id))).toEqual([[], [], [], []]);
    expect((await eventsOf(seeded.ids, "ticket.tag_removed")).every((event) => event.data.undo === true)).toBe(true);
  });

  it("untags many tickets, and Undo puts the tag back on each ticket that lost it", async () => {
    const name = `gone ${marker()}`;
    const seeded = await seedMany(handle.db, 4, `${marker()} Untagged`);
    await handle.db.update(tickets).set({ tags: [name, "keep"] }).where(inArray(tickets.id, seeded.ids.slice(0, 3)));
    const { step } = await create({ action: "untag", tag: name, selection: { ticketIds: seeded.ids } });
    await runJobsUntilIdle(handle.db);
    expect(await view(step.id)).toMatchObject({ action: "untag", status: "done", total: 4, changed: 3 });
    expect([...(await tagsOf(seeded.ids)).values()].some((list) => list.includes(name))).toBe(false);
    expect(await eventsOf(seeded.ids, "ticket.tag_removed")).toHaveLength(3);

    await undo(step.id);
    await runJobsUntilIdle(handle.db);
    const after = await tagsOf(seeded.ids);
    expect(seeded.ids.map((id) => after.get(id)?.includes(name))).toEqual([true, true, true, false]);
    expect(await handle.db.select({ name: tags.name }).from(tags).where(eq(tags.name, name))).toEqual([{ name }]);
  });

  it("snoozes many open tickets with a wake-up job row each, skips a closed one, and Undo restores each one's snooze", async () => {
    const seeded = await seedMany(handle.db, 5, `${marker()} Sleeper`);
    const [earlier, closed, changedSince] = [seeded.ids[0]!, seeded.ids[1]!, seeded.ids[2]!];
    const before = new Date(Date.now() + 2 * 3_600_000);
    before.setMilliseconds(0);
    await handle.db.update(tickets).set({ snoozedUntil: before }).where(eq(tickets.id, earlier));
    await handle.db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(eq(tickets.id, closed));
    const until = new Date(Date.now() + 26 * 3_600_000);
    until.setSeconds(0, 0);
    const stamp = until.toISOString();

    // Only the step's job runs here: the wake-up rows stay due at their own time.
    const { status, step } = await create({ action: "snooze", until: stamp, selection: { ticketIds: seeded.ids } });
    expect(status).toBe(202);
    await runDueJobs({ db: handle.db, handlers: jobHandlers });
    expect(await view(step.id)).toMatchObject({ action: "snooze", until: stamp, status: "done", total: 5, changed: 4, skipped: 1, skippedReasons: [{ reason: "Closed, and only an open ticket can be snoozed", count: 1 }] });
    const snoozed = await snoozesOf(seeded.ids);
    expect(seeded.ids.map((id) => snoozed.get(id))).toEqual([stamp, null, stamp, stamp, stamp]);
    const wake = await wakeRows(seeded.ids[3]!);
    expect(wake).toHaveLength(1);
    expect(wake[0]).toMatchObject({ payload: { ticketId: seeded.ids[3], until: stamp }, doneAt: null });
    expect(wake[0]!.runAt.toISOString()).toBe(stamp);
    expect((await eventsOf(seeded.ids, "ticket.snoozed")).filter((event) => event.data.bulkStepId === step.id)).toHaveLength(4);

    // An agent changes one ticket's snooze meanwhile: Undo leaves it as they set it.
    const theirs = new Date(until.getTime() + 3_600_000);
    await handle.db.update(tickets).set({ snoozedUntil: theirs }).where(eq(tickets.id, changedSince));
    const undone = await undo(step.id);
    await runDueJobs({ db: handle.db, handlers: jobHandlers });
    expect(await view(undone.body.id)).toMatchObject({ undoneAction: "snooze", status: "done", total: 4, changed: 3, skipped: 1 });
    const after = await snoozesOf(seeded.ids);
    expect(seeded.ids.map((id) => after.get(id))).toEqual([before.toISOString(), null, theirs.toISOString(), null, null]);
    expect((await eventsOf([seeded.ids[3]!], "ticket.unsnoozed"))[0]?.data).toMatchObject({ undo: true, bulkStepId: undone.body.id });

    // The earlier snooze still wakes by its job row: once that row is due, the ticket is awake.
    await handle.db.update(jobs).set({ runAt: sql`now() - interval '1 second'` }).where(and(eq(jobs.kind, "ticket.wake"), sql`${jobs.payload}->>'ticketId' = ${earlier}`));
    await runDueJobs({ db: handle.db, handlers: jobHandlers });
    expect((await snoozesOf([earlier])).get(earlier)).toBeNull();
    expect(await eventsOf([earlier], "ticket.woken")).toHaveLength(1);
  });

  it("refuses a snooze time that has passed, and a tag name that cannot be one", async () => {
    const { ticket } = await seedTicket(handle.db);
    const past = await create({ action: "snooze", until: new Date(Date.now() - 60_000).toISOString(), selection: { ticketIds: [ticket.id] } });
    expect(past.status).toBe(400);
    expect(past.step.error?.message).toMatch(/has passed/);
    const bad = await create({ action: "tag", tag: "a\tb", selection: { ticketIds: [ticket.id] } });
    expect(bad.status).toBe(400);
    expect(bad.step.error?.message).toMatch(/control or invisible/);
  });

  it("tells the agent a step assigned tickets to, once for the whole step", async () => {
    const seeded = await seedMany(handle.db, 3, `${marker()} Handed`);
    const heard: InboxEvent[] = [];
    const stop = await handle.listen(INBOX_CHANNEL, (payload) => heard.push(JSON.parse(payload) as InboxEvent));
    const { step } = await create({ action: "assign", assigneeId: other.id, selection: { ticketIds: seeded.ids } });
    await runJobsUntilIdle(handle.db);
    await vi.waitFor(() => expect(heard.some((event) => event.type === "bulk.progress" && event.stepId === step.id && event.status === "done")).toBe(true));
    await stop();
    const assigned = heard.filter((event) => event.type === "ticket.assigned");
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({ assigneeId: other.id, actorId: agent.id, count: 3 });
    expect(seeded.ids).toContain((assigned[0] as { ticketId: string }).ticketId);
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
