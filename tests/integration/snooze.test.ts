import { spawn, type ChildProcess } from "node:child_process";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { openPostgres } from "@/db/drivers";
import { decodeCursor, type Keyset } from "@/db/queries/cursor";
import { countInboxTickets, listInboxTickets } from "@/db/queries/tickets";
import { events, jobs, tickets, type User } from "@/db/schema";
import { queueOutboundMessage } from "@/lib/outbound/queue";
import { CLOSED_COUNT_CAP } from "@/lib/tickets/counts";
import { snoozeTicket, unsnoozeTicket } from "@/lib/tickets/snooze";
import { overdueSince } from "@/lib/tickets/waiting";
import { openFreshPostgres, testDatabases } from "../support/database";
import { closeInboundDatabase, openInboundDatabase, textBusiness as text, ticketsOfCustomer } from "../support/inbound";
import { seedAgent, uniqueUsNumber } from "../support/inbox-seed";
import { runJobsUntilIdle } from "../support/jobs";
import { PUBLIC_BASE } from "../support/twilio";
import { runDueJobs } from "@/lib/jobs/worker";
import { jobHandlers } from "@/lib/setup/jobs";

beforeAll(() => {
  process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
});

const timeline = (handle: DatabaseHandle, ticketId: string) =>
  handle.db.select({ type: events.type, data: events.data }).from(events).where(eq(events.ticketId, ticketId)).orderBy(asc(events.id));
const ticketRow = async (handle: DatabaseHandle, ticketId: string) => (await handle.db.select().from(tickets).where(eq(tickets.id, ticketId)))[0]!;

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(testDatabases())("snoozing on $name", (database) => {
  let handle: DatabaseHandle;
  let agent: User;

  beforeAll(async () => {
    ({ handle } = await openInboundDatabase(database));
    agent = await seedAgent(handle.db, "Sol Snooze");
  });
  afterAll(() => closeInboundDatabase(handle));

  async function customerTicket(body = "Where is my parcel?") {
    const from = uniqueUsNumber();
    expect((await text(from, body)).status).toBe(200);
    const [ticket] = await ticketsOfCustomer(handle.db, from);
    return { from, ticketId: ticket!.id };
  }

  it("lists Snoozed by wake-up time, soonest first, page after page", async () => {
    const mine: { ticketId: string; until: string }[] = [];
    // Snoozed in an order unlike their wake-up order; two wake at the same minute.
    for (const minutes of [50, 10, 30, 10, 40]) {
      const { ticketId } = await customerTicket();
      const until = new Date(Date.now() + 300 * 86_400_000 + minutes * 60_000);
      until.setSeconds(0, 0);
      await snoozeTicket({ db: handle.db, ticketId, until, actor: agent });
      mine.push({ ticketId, until: until.toISOString() });
    }
    const seen: { id: string; snoozedUntil: string | null }[] = [];
    let cursor: Keyset | null = null;
    do {
      const page = await listInboxTickets({ db: handle.db, view: "snoozed", userId: agent.id, limit: 2, cursor });
      seen.push(...page.tickets.map((t) => ({ id: t.id, snoozedUntil: t.snoozedUntil })));
      cursor = decodeCursor(page.nextCursor);
    } while (cursor);
    expect(new Set(seen.map((t) => t.id)).size).toBe(seen.length);
    const times = seen.map((t) => t.snoozedUntil!);
    expect(times).toEqual([...times].sort());
    const order = seen.map((t) => t.id).filter((id) => mine.some((m) => m.ticketId === id));
    const expected = [...mine].sort((a, b) => a.until.localeCompare(b.until) || a.ticketId.localeCompare(b.ticketId)).map((m) => m.ticketId);
    expect(order).toEqual(expected);
  });

  it("moves the ticket from Open to Snoozed, and a job due at its time brings it back once", async () => {
    const { ticketId } = await customerTicket();
    const until = new Date(Date.now() + 1500);
    await snoozeTicket({ db: handle.db, ticketId, until, actor: agent });
    const views = async () => {
      const ids = async (view: "open" | "snoozed") => (await listInboxTickets({ db: handle.db, view, userId: agent.id, limit: 100 })).tickets.map((t) => t.id);
      return { open: (await ids("open")).includes(ticketId), snoozed: (await ids("snoozed")).includes(ticketId) };
    };
    expect(await views()).toEqual({ open: false, snoozed: true });
    const [listed] = (await listInboxTickets({ db: handle.db, view: "snoozed", userId: agent.id, limit: 100 })).tickets.filter((t) => t.id === ticketId);
    expect(listed?.snoozedUntil).toBe(until.toISOString());

    // Not due yet: a worker passing by leaves it asleep.
    await runDueJobs({ db: handle.db, handlers: jobHandlers });
    expect((await ticketRow(handle, ticketId)).snoozedUntil?.toISOString()).toBe(until.toISOString());

    await new Promise((resolve) => setTimeout(resolve, until.getTime() - Date.now() + 50));
    await runDueJobs({ db: handle.db, handlers: jobHandlers });
    expect((await ticketRow(handle, ticketId)).snoozedUntil).toBeNull();
    expect(await views()).toEqual({ open: true, snoozed: false });
    expect((await timeline(handle, ticketId)).map((event) => [event.type, event.data.by ?? null])).toEqual([
      ["ticket.created", null],
      ["ticket.snoozed", null],
      ["ticket.woken", "time"],
    ]);
  });

  it("wakes at once when the customer writes, on the one-statement path and the general one; the pending job then does nothing", async () => {
    const { from, ticketId } = await customerTicket();
    await snoozeTicket({ db: handle.db, ticketId, until: new Date(Date.now() + 3_600_000), actor: agent });
    await handle.db.update(tickets).set({ waitingSince: null }).where(eq(tickets.id, ticketId));

    expect((await text(from, "Any news?")).status).toBe(200);
    const woken = await ticketRow(handle, ticketId);
    expect(woken.snoozedUntil).toBeNull();
    expect(woken.waitingSince).not.toBeNull();
    const wakes = (await timeline(handle, ticketId)).filter((event) => event.type === "ticket.woken");
    expect(wakes).toMatchObject([{ data: { by: "customer" } }]);

    // Snoozed again, then woken by a carrier keyword (filed the general way, not the one statement).
    await snoozeTicket({ db: handle.db, ticketId, until: new Date(Date.now() + 7_200_000), actor: agent });
    expect((await text(from, "HELP")).status).toBe(200);
    expect((await ticketRow(handle, ticketId)).snoozedUntil).toBeNull();

    // The two wake-up jobs, run now, find the ticket awake and record nothing more.
    await handle.db.update(jobs).set({ runAt: new Date() }).where(and(eq(jobs.kind, "ticket.wake"), sql`${jobs.payload}->>'ticketId' = ${ticketId}`));
    await runJobsUntilIdle(handle.db);
    expect((await timeline(handle, ticketId)).filter((event) => event.type === "ticket.woken")).toHaveLength(2);
  });

  it("wakes by hand; a later snooze replaces the earlier one, whose job then does nothing", async () => {
    const { ticketId } = await customerTicket();
    await snoozeTicket({ db: handle.db, ticketId, until: new Date(Date.now() + 1000), actor: agent });
    const later = new Date(Date.now() + 3_600_000);
    await snoozeTicket({ db: handle.db, ticketId, until: later, actor: agent });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await runDueJobs({ db: handle.db, handlers: jobHandlers });
    expect((await ticketRow(handle, ticketId)).snoozedUntil?.toISOString()).toBe(later.toISOString());

    await unsnoozeTicket({ db: handle.db, ticketId, actor: agent });
    expect((await ticketRow(handle, ticketId)).snoozedUntil).toBeNull();
    expect((await timeline(handle, ticketId)).map((event) => event.type)).toEqual(["ticket.created", "ticket.snoozed", "ticket.snoozed", "ticket.unsnoozed"]);
  });

  it("refuses a time in the past, too far ahead, or a closed ticket, and changes nothing", async () => {
    const { ticketId } = await customerTicket();
    await expect(snoozeTicket({ db: handle.db, ticketId, until: new Date(Date.now() - 60_000), actor: agent })).rejects.toThrow("That time has passed. Choose a time in the future.");
    await expect(snoozeTicket({ db: handle.db, ticketId, until: new Date(Date.now() + 400 * 86_400_000), actor: agent })).rejects.toThrow("Snooze for a year at most.");
    await handle.db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(eq(tickets.id, ticketId));
    await expect(snoozeTicket({ db: handle.db, ticketId, until: new Date(Date.now() + 60_000 * 5), actor: agent })).rejects.toThrow("Only an open ticket can be snoozed. Reopen it first.");
    expect((await ticketRow(handle, ticketId)).snoozedUntil).toBeNull();
    expect(await handle.db.select().from(jobs).where(sql`${jobs.payload}->>'ticketId' = ${ticketId}`)).toHaveLength(0);
  });

  it("keeps since when the customer waits: an agent's reply ends the wait, their next message starts it again", async () => {
    const { from, ticketId } = await customerTicket("First question");
    const first = (await ticketRow(handle, ticketId)).waitingSince;
    expect(first).not.toBeNull();
    expect((await text(from, "Second question")).status).toBe(200);
    expect((await ticketRow(handle, ticketId)).waitingSince?.toISOString()).toBe(first!.toISOString());
    await queueOutboundMessage({ db: handle.db, ticketId, body: "Here is your answer.", authorId: agent.id });
    expect((await ticketRow(handle, ticketId)).waitingSince).toBeNull();
    expect((await text(from, "Thanks, one more thing")).status).toBe(200);
    expect((await ticketRow(handle, ticketId)).waitingSince!.getTime()).toBeGreaterThan(first!.getTime());
  });

  it("lists past-target tickets by business hours, and sorts by waiting longest", async () => {
    const agentTwo = await seedAgent(handle.db, "Pat Target");
    const made = await Promise.all(["a", "b", "c", "d"].map(() => customerTicket()));
    const ids = made.map((m) => m.ticketId);
    // Monday 10:00 London (09:00 UTC), open Monday to Friday 09:00–17:00.
    const now = new Date("2031-06-09T09:00:00Z");
    const hours = {
      timeZone: "Europe/London",
      periods: (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({ day, start: "09:00", end: "17:00" })),
      closedDates: [],
    };
    const waits = [
      new Date("2031-06-09T08:30:00Z"), // Monday 09:30: 30 business minutes
      new Date("2031-06-06T15:30:00Z"), // Friday 16:30: 90 business minutes, though 2½ days on the wall clock
      new Date("2031-06-08T10:00:00Z"), // Sunday: 60 business minutes
      null,
    ];
    for (const [index, ticketId] of ids.entries()) {
      await handle.db.update(tickets).set({ waitingSince: waits[index], assigneeId: agentTwo.id }).where(eq(tickets.id, ticketId));
    }
    const since = overdueSince({ targetMinutes: 60, hours }, now);
    const overdue = (await listInboxTickets({ db: handle.db, view: "overdue", userId: agentTwo.id, overdueSince: since, limit: 100 })).tickets.map((t) => t.id);
    expect(overdue.filter((id) => ids.includes(id)).sort()).toEqual([ids[1], ids[2]].sort());
    const counts = await countInboxTickets({ db: handle.db, userId: agentTwo.id, closedCountCap: CLOSED_COUNT_CAP, overdueSince: since });
    expect(counts.mine).toBe(4);
    // Without business hours, a wall-clock hour: the Sunday and Friday ones, and not Monday's 30 minutes.
    const wall = overdueSince({ targetMinutes: 60, hours: null }, now);
    expect(
      (await listInboxTickets({ db: handle.db, view: "overdue", userId: agentTwo.id, overdueSince: wall, limit: 100 })).tickets.map((t) => t.id).filter((id) => ids.includes(id)).sort(),
    ).toEqual([ids[1], ids[2]].sort());
    // No target: no ticket is past it.
    expect((await listInboxTickets({ db: handle.db, view: "overdue", userId: agentTwo.id, overdueSince: null, limit: 100 })).tickets).toHaveLength(0);

    // Waiting longest first, page by page; those nobody waits on come last.
    const order: string[] = [];
    let cursor: Keyset | null = null;
    do {
      const page = await listInboxTickets({ db: handle.db, view: "mine", userId: agentTwo.id, sort: "waiting", cursor, limit: 1 });
      order.push(...page.tickets.map((t) => t.id));
      cursor = decodeCursor(page.nextCursor);
    } while (cursor);
    expect(order).toEqual([ids[1], ids[2], ids[0], ids[3]]);
  });
});

describe.each(testDatabases().filter((database) => database.name === "postgresql"))("a snooze without the process that set it, on $name", () => {
  let handle: DatabaseHandle & { url: string };
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    handle = await openFreshPostgres(process.env.TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    worker?.kill("SIGTERM");
    await handle.close();
  });

  it("wakes at its time through a job row that another process's worker runs", async () => {
    const { seedTicket } = await import("../support/inbox-seed");
    const { ticket } = await seedTicket(handle.db);
    // The process that snoozes: its own pool, gone before the time comes.
    const setter = await openPostgres(handle.url);
    const agent = await seedAgent(setter.db, "Gone Agent");
    const until = new Date(Date.now() + 2500);
    await snoozeTicket({ db: setter.db, ticketId: ticket.id, until, actor: agent });
    await setter.close();

    worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/job-worker-process.ts", handle.url], {
      env: { PATH: process.env.PATH, NEXT_RUNTIME: "nodejs", LOG_LEVEL: "silent", DATABASE_URL: handle.url } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    worker.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    // Starting compiles the app's modules (tsx): on a machine busy with other suites that took more than 30 s.
    await waitFor("the worker process to start", async () => output.includes("ready"), 90_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${output}`);
    });
    if (Date.now() < until.getTime() - 200) expect((await ticketRow(handle, ticket.id)).snoozedUntil?.toISOString()).toBe(until.toISOString());

    await waitFor("the ticket to wake", async () => (await ticketRow(handle, ticket.id)).snoozedUntil === null, 20_000);
    expect(Date.now()).toBeGreaterThanOrEqual(until.getTime());
    await waitFor("the worker to say it ran the job", async () => output.includes("ran 1"), 5_000);
    const [wake] = await handle.db.select().from(jobs).where(eq(jobs.kind, "ticket.wake"));
    expect(wake?.doneAt).not.toBeNull();
    expect((await timeline(handle, ticket.id)).map((event) => [event.type, event.data.by ?? null])).toEqual([
      ["ticket.snoozed", null],
      ["ticket.woken", "time"],
    ]);
  }, 150_000);
});
