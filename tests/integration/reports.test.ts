import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { customers, events, messages, refusedMessages, tickets, type User } from "@/db/schema";
import { buildChart } from "@/lib/reports/build";
import type { ChartId, ReportChart } from "@/lib/reports/charts";
import { toCsv } from "@/lib/reports/csv";
import { loadChart, reportContext } from "@/lib/reports/load";
import { reportPeriod, type ReportFilters } from "@/lib/reports/period";
import { measureSms } from "@/lib/sms/segments";
import { saveBusinessHours } from "@/lib/rules/store";
import { testDatabases } from "../support/database";
import { seedAdmin, seedAgent, seedTicket } from "../support/inbox-seed";

// A fortnight in New York: Monday 2 March to Sunday 15 March 2026. Clocks go forward on
// Sunday 8 March (EST, UTC−5, before; EDT, UTC−4, after). Open Monday to Friday, 09:00–17:00.
const ZONE = "America/New_York";
const FORTNIGHT: ReportFilters = { range: "custom", from: "2026-03-02", to: "2026-03-15", integration: null, agent: null, tag: null };
const at = (iso: string) => new Date(iso);

describe.each(testDatabases())("reports on $name", (database) => {
  let handle: DatabaseHandle;
  let db: Database;
  let ada: User;
  let sam: User;
  let integrationA: string;
  let integrationB: string;

  async function ticket(options: { at: string; integrationId?: string; country?: string; assignee?: User; tags?: string[]; closedAt?: string; firstText?: string }) {
    const [customer] = await db
      .insert(customers)
      .values({ phoneE164: `+1415557${String(randomInt(10_000)).padStart(4, "0")}${randomInt(10)}`.slice(0, 12), country: options.country ?? "US" })
      .onConflictDoNothing()
      .returning();
    const [row] = await db
      .insert(tickets)
      .values({
        integrationId: options.integrationId ?? integrationA,
        customerId: customer!.id,
        status: options.closedAt ? "closed" : "open",
        closedAt: options.closedAt ? at(options.closedAt) : null,
        assigneeId: options.assignee?.id ?? null,
        tags: options.tags ?? [],
        createdAt: at(options.at),
      })
      .returning();
    await text(row!.id, "inbound", options.at, options.firstText ?? "Hi");
    return row!.id;
  }

  let sid = 0;
  async function text(ticketId: string, direction: "inbound" | "outbound", when: string, body: string, extra: { author?: User; status?: "delivered" | "undelivered" | "failed" | "pending"; errorCode?: number; auto?: boolean } = {}) {
    const status = direction === "inbound" ? "received" : (extra.status ?? "delivered");
    await db.insert(messages).values({
      ticketId,
      direction,
      body,
      status,
      twilioSid: status === "pending" ? null : `SM${String(++sid).padStart(32, "0")}`,
      authorId: extra.author?.id ?? null,
      ruleName: extra.auto ? "Thanks" : null,
      errorCode: extra.errorCode ?? null,
      createdAt: at(when),
    });
  }

  async function event(ticketId: string, type: string, when: string, actor?: User, data: Record<string, unknown> = {}) {
    await db.insert(events).values({ ticketId, type, actorId: actor?.id ?? null, data, createdAt: at(when) });
  }

  beforeAll(async () => {
    handle = await database.open();
    db = handle.db;
    ada = await seedAdmin(db, "Ada Admin");
    sam = await seedAgent(db, "Sam Agent");
    integrationA = (await seedTicket(db)).integration.id;
    integrationB = (await seedTicket(db)).integration.id;
    // seedTicket's own tickets are opened now (December), outside the fortnight.
    await saveBusinessHours({ db, hours: { timeZone: ZONE, periods: ["mon", "tue", "wed", "thu", "fri"].map((day) => ({ day: day as "mon", start: "09:00", end: "17:00" })), closedDates: [] } });

    // Mon 2 Mar 08:00 EST, before opening; Ada answers 09:30 (0.5 business hours, 1.5 clock); closed 16:00 (7 business, 8 clock).
    const t3 = await ticket({ at: "2026-03-02T13:00:00Z", closedAt: "2026-03-02T21:00:00Z", assignee: ada });
    await text(t3, "outbound", "2026-03-02T14:30:00Z", "On it", { author: ada });
    await event(t3, "ticket.closed", "2026-03-02T21:00:00Z", ada);
    // Day boundaries: Mon 23:30 EST and Tue 00:30 EST, both the next day in UTC; Sun 1 Mar 23:00 EST is the previous period.
    await ticket({ at: "2026-03-03T04:30:00Z" });
    await ticket({ at: "2026-03-03T05:30:00Z" });
    await ticket({ at: "2026-03-02T04:00:00Z" });
    // Tue 3 Mar 10:00 EST, VIP: an auto-reply at once (not a response), Ada at 11:30 (1.5 h), closed at 12:00,
    // reopened Wed 09:00 by the customer, answered again (not a first response), closed Wed 10:00 (8 business hours, 24 clock).
    const t2 = await ticket({ at: "2026-03-03T15:00:00Z", tags: ["vip"], assignee: ada, closedAt: "2026-03-04T15:00:00Z", firstText: "Hello 😀" });
    await text(t2, "outbound", "2026-03-03T15:00:30Z", "Thanks, we got it", { auto: true });
    await text(t2, "outbound", "2026-03-03T16:30:00Z", "a".repeat(200), { author: ada });
    await event(t2, "ticket.closed", "2026-03-03T17:00:00Z", ada);
    await text(t2, "inbound", "2026-03-04T14:00:00Z", "Me again");
    await event(t2, "ticket.reopened", "2026-03-04T14:00:00Z", undefined, { by: "customer" });
    await text(t2, "outbound", "2026-03-04T14:10:00Z", "Done", { author: ada });
    await event(t2, "ticket.closed", "2026-03-04T15:00:00Z", ada);
    // Thu 5 Mar 12:00 EST, from the UK: Ada at 12:15 (0.25 h), failed for want of A2P 10DLC; STOP, then START the next day;
    // an agent's undo of a close is no reopening.
    const t4 = await ticket({ at: "2026-03-05T17:00:00Z", country: "GB", assignee: ada, firstText: "x".repeat(161) });
    await text(t4, "outbound", "2026-03-05T17:15:00Z", "ok", { author: ada, status: "failed", errorCode: 30034 });
    await event(t4, "customer.opted_out", "2026-03-05T17:30:00Z", undefined, { keyword: "STOP" });
    await event(t4, "customer.opted_in", "2026-03-06T15:00:00Z", undefined, { keyword: "START" });
    await event(t4, "ticket.reopened", "2026-03-05T18:00:00Z", ada, { undo: true });
    // Fri 6 Mar 16:00 EST; Sam answers Mon 9 Mar 10:00 EDT, over the weekend and the clock change:
    // 1 h on Friday and 1 h on Monday in business hours, 65 h on the clock. The phone was off.
    const t1 = await ticket({ at: "2026-03-06T21:00:00Z", assignee: sam, firstText: "Help" });
    await text(t1, "outbound", "2026-03-09T14:00:00Z", "Sure", { author: sam, status: "undelivered", errorCode: 30003 });
    // Sat 7 Mar 12:00 EST, from Canada: Sam at 13:00 (0 business hours, 1 clock); closed Mon 9:30 EDT (0.5 business, 44.5 clock).
    const t5 = await ticket({ at: "2026-03-07T17:00:00Z", country: "CA", assignee: sam, closedAt: "2026-03-09T13:30:00Z", firstText: "ж".repeat(71) });
    await text(t5, "outbound", "2026-03-07T18:00:00Z", "ok", { author: sam });
    await event(t5, "ticket.closed", "2026-03-09T13:30:00Z", sam);
    // Tue 10 Mar 10:00 EDT on the other integration, unanswered; a reply still waiting to go is not counted.
    const t6 = await ticket({ at: "2026-03-10T14:00:00Z", integrationId: integrationB });
    await text(t6, "outbound", "2026-03-10T14:05:00Z", "Draft going out", { author: ada, status: "pending" });
    // Sun 15 Mar 23:59 EDT is the last minute of the fortnight; Mon 16 Mar 00:00 EDT is not in it.
    await ticket({ at: "2026-03-16T03:59:00Z" });
    await ticket({ at: "2026-03-16T04:00:00Z" });

    await db.insert(refusedMessages).values([
      { messageSid: "SMr1", fromNumber: "+5511987650001", country: "BR", integrationId: integrationA, reason: "country_not_allowed", createdAt: at("2026-03-02T14:00:00Z") },
      { messageSid: "SMr2", fromNumber: "+14155550001", country: "US", integrationId: integrationA, reason: "one_time_passcode", createdAt: at("2026-03-02T15:00:00Z") },
      { messageSid: "SMr3", fromNumber: "AMAZON", country: null, integrationId: integrationB, reason: "short_code_or_sender_name", createdAt: at("2026-03-12T15:00:00Z") },
      { messageSid: "SMr4", fromNumber: "+14155550002", country: "US", integrationId: integrationA, reason: "one_time_passcode", createdAt: at("2026-02-20T15:00:00Z") },
    ]);
  });
  afterAll(() => handle.close());

  const chart = (id: ChartId, filters: Partial<ReportFilters> = {}, user: User = ada) => loadChart({ db, user, chart: id, filters: { ...FORTNIGHT, ...filters } });
  const figure = (data: ReportChart, label: string) => data.figures.find((f) => f.label === label);
  const row = (data: ReportChart, day: string) => data.rows.find((r) => r.day === day);

  it("counts new tickets on the business's days, the day boundaries in its time zone, and reopened ones", async () => {
    const data = await chart("conversations");
    expect(data.rows).toHaveLength(14);
    expect(data.rows.filter((r) => Number(r.new) > 0).map((r) => [r.day, r.new])).toEqual([
      ["2026-03-02", 2],
      ["2026-03-03", 2],
      ["2026-03-05", 1],
      ["2026-03-06", 1],
      ["2026-03-07", 1],
      ["2026-03-10", 1],
      ["2026-03-15", 1],
    ]);
    expect(figure(data, "New tickets")).toMatchObject({ value: 9, previous: 1 });
    expect(figure(data, "Reopened tickets")).toMatchObject({ value: 1, previous: 0 });
    expect(row(data, "2026-03-04")).toMatchObject({ reopened: 1 });
    expect(row(data, "2026-03-05")).toMatchObject({ reopened: 0 });
  });

  it("filters by integration, tag and agent, and shows an agent only their own tickets", async () => {
    expect(figure(await chart("conversations", { integration: integrationB }), "New tickets")?.value).toBe(1);
    expect(figure(await chart("conversations", { tag: "vip" }), "New tickets")?.value).toBe(1);
    expect(figure(await chart("conversations", { agent: sam.id }), "New tickets")?.value).toBe(2);
    // Sam asks for Ada's numbers and gets his own.
    expect(figure(await chart("conversations", { agent: ada.id }, sam), "New tickets")?.value).toBe(2);
    const agents = await chart("agents", {}, sam);
    expect(agents.rows.map((r) => r.agent)).toEqual(["Sam Agent"]);
    await expect(chart("usage", {}, sam)).rejects.toThrow("Only admins");
    await expect(chart("refused", {}, sam)).rejects.toThrow("Only admins");
  });

  it("counts texts in and out in SMS segments as the composer does; replies once Twilio took them", async () => {
    const data = await chart("messages");
    // In: Hi, 2×Hi at the day boundaries, Hello 😀, Me again, 161 x (2), Help, 71 ж (2), Hi, Hi on the 15th.
    expect(figure(data, "Segments in")).toMatchObject({ value: 12, previous: 1 });
    // Out: On it, the auto-reply, 200 a (2), Done, ok, Sure, ok; the pending draft is not counted.
    expect(figure(data, "Segments out")).toMatchObject({ value: 8, previous: 0 });
    expect(row(data, "2026-03-03")).toMatchObject({ inboundSegments: 2, outboundSegments: 3, inboundMessages: 2, outboundMessages: 2 });
    expect(row(data, "2026-03-07")).toMatchObject({ inboundSegments: 2, outboundSegments: 1 });
    expect(row(data, "2026-03-10")).toMatchObject({ inboundSegments: 1, outboundSegments: 0 });
  });

  it("stores the same segment count as the composer's counter", async () => {
    const bodies = ["", "Hi", "a".repeat(160), "a".repeat(161), "{".repeat(80), "{".repeat(81), "€5 [x] ~y", "café ✓", "é".repeat(300), "😀".repeat(35), "😀".repeat(36), "It’s ok", "line\nbreak", "a".repeat(306), "a".repeat(307)];
    const { ticket: holder } = await seedTicket(db);
    for (const body of bodies) await text(holder.id, "inbound", "2025-01-01T00:00:00Z", body);
    const stored = await db.select({ body: messages.body, segments: messages.segments }).from(messages);
    const byBody = new Map(stored.map((m) => [m.body, m.segments]));
    expect(bodies.map((body) => byBody.get(body))).toEqual(bodies.map((body) => measureSms(body).segments));
  });

  it("computes first response and resolution in business hours: medians and 90th percentiles, across a weekend and the clock change", async () => {
    const data = await chart("response-times");
    // First responses (business hours): 0.5, 1.5, 0.25, 2, 0 → sorted 0, 0.25, 0.5, 1.5, 2.
    // Median: the 3rd, 0.5. 90th percentile: rank 0.9 × 4 = 3.6, so 1.5 + 0.6 × (2 − 1.5) = 1.8.
    expect(figure(data, "First response, median")?.value).toBe(0.5);
    expect(figure(data, "First response, 90th percentile")?.value).toBe(1.8);
    // Resolutions: 7 (Mon), 8 (Tue → Wed, once, at the last close), 0.5 (Sat → Mon) → 0.5, 7, 8.
    // Median 7; 90th percentile: rank 1.8, so 7 + 0.8 × 1 = 7.8.
    expect(figure(data, "Resolution, median")?.value).toBe(7);
    expect(figure(data, "Resolution, 90th percentile")?.value).toBe(7.8);
    // Two at the day boundaries, the one on the other integration and the last minute's.
    expect(figure(data, "Tickets not answered yet")?.value).toBe(4);
    expect(row(data, "2026-03-06")).toMatchObject({ firstResponseMedian: 2, answered: 1 });
    expect(data.note).toContain("business hours");
  });

  it("computes the same times on the clock when no schedule is set", async () => {
    const context = await reportContext({ db, user: ada, filters: FORTNIGHT });
    const data = await buildChart("response-times", { ...context, hours: null });
    // Clock hours: 1.5, 1.5, 0.25, 65, 1 → sorted 0.25, 1, 1.5, 1.5, 65: median 1.5, p90 1.5 + 0.6 × 63.5 = 39.6.
    expect(figure(data, "First response, median")?.value).toBe(1.5);
    expect(figure(data, "First response, 90th percentile")?.value).toBe(39.6);
    // 8, 24, 44.5: median 24; p90 24 + 0.8 × 20.5 = 40.4.
    expect(figure(data, "Resolution, median")?.value).toBe(24);
    expect(figure(data, "Resolution, 90th percentile")?.value).toBe(40.4);
  });

  it("leaves conversations an agent started out of first responses, on the clock and in business hours", async () => {
    // A week in May, away from the fortnight. Mon 4 May 10:00 EDT the customer writes, Sam answers at 11:00 (1 h).
    const week: Partial<ReportFilters> = { from: "2026-05-04", to: "2026-05-10" };
    const answered = await ticket({ at: "2026-05-04T14:00:00Z" });
    await text(answered, "outbound", "2026-05-04T15:00:00Z", "Hello", { author: sam });
    // Tue 5 May 10:00 EDT Sam writes first (an agent-started conversation); the customer answers at 12:00, Sam again at 12:30.
    const [customer] = await db.insert(customers).values({ phoneE164: "+14155550999", country: "US" }).onConflictDoNothing().returning();
    const [started] = await db.insert(tickets).values({ integrationId: integrationA, customerId: customer!.id, status: "open", createdAt: at("2026-05-05T14:00:00Z") }).returning();
    await text(started!.id, "outbound", "2026-05-05T14:00:00Z", "Your parcel is delayed", { author: sam });
    await text(started!.id, "inbound", "2026-05-05T16:00:00Z", "Thanks");
    await text(started!.id, "outbound", "2026-05-05T16:30:00Z", "You're welcome", { author: sam });

    const context = await reportContext({ db, user: ada, filters: { ...FORTNIGHT, ...week } });
    for (const hours of [context.hours, null]) {
      const data = await buildChart("response-times", { ...context, hours });
      // Only the customer's conversation: 1 h, not a median of 0 and 1.
      expect(figure(data, "First response, median")?.value).toBe(1);
      expect(figure(data, "First response, 90th percentile")?.value).toBe(1);
      expect(figure(data, "Tickets not answered yet")?.value).toBe(0);
      expect(row(data, "2026-05-05")).toMatchObject({ firstResponseMedian: null, answered: 0 });
      const agents = await buildChart("agents", { ...context, hours });
      expect(agents.rows.find((r) => r.agent === "Sam Agent")).toMatchObject({ answered: 2, firstResponseMedian: 1, firstResponseP90: 1 });
    }
  });

  it("counts each agent's answered and closed tickets and response times", async () => {
    const data = await chart("agents");
    expect(data.rows).toEqual([
      { agent: "Ada Admin", answered: 3, closed: 3, firstResponseMedian: 0.5, firstResponseP90: 1.3 },
      { agent: "Sam Agent", answered: 2, closed: 1, firstResponseMedian: 1, firstResponseP90: 1.8 },
    ]);
    expect(figure(data, "Tickets answered")).toMatchObject({ value: 5, previous: 0 });
  });

  it("counts delivery per day and explains failures with their fix", async () => {
    const data = await chart("delivery");
    expect(figure(data, "Delivered")?.value).toBe(5);
    expect(figure(data, "Undelivered")?.value).toBe(1);
    expect(figure(data, "Failed")?.value).toBe(1);
    expect(figure(data, "Delivery rate")?.value).toBe(71.4);
    expect(row(data, "2026-03-09")).toMatchObject({ delivered: 0, undelivered: 1, failed: 0 });
    const failures = await chart("failures");
    expect(failures.rows.map((r) => [r.code, r.count])).toEqual([
      ["30003", 1],
      ["30034", 1],
    ]);
    expect(failures.rows.find((r) => r.code === "30034")?.fix).toContain("A2P 10DLC");
    expect(failures.rows.find((r) => r.code === "30034")?.meaning).toContain("not registered");
  });

  it("counts opt-outs, opt-ins and refused messages per day", async () => {
    const opt = await chart("opt-outs");
    expect(row(opt, "2026-03-05")).toMatchObject({ opted_out: 1, opted_in: 0 });
    expect(row(opt, "2026-03-06")).toMatchObject({ opted_out: 0, opted_in: 1 });
    const refused = await chart("refused");
    expect(row(refused, "2026-03-02")).toMatchObject({ country_not_allowed: 1, one_time_passcode: 1, short_code_or_sender_name: 0 });
    expect(figure(refused, "One-time passcode")).toMatchObject({ value: 1, previous: 1 });
    expect(figure(await chart("refused", { integration: integrationB }), "Short code or sender name")?.value).toBe(1);
  });

  it("maps customers' texts to weekday and hour on the business's clock", async () => {
    const data = await chart("busiest-hours");
    expect(figure(data, "Texts in")?.value).toBe(10);
    expect(figure(data, "Busiest hour: Tue 10:00")?.value).toBe(2);
    const cell = (weekday: string, hour: string) => data.rows.find((r) => r.weekday === weekday)?.[hour];
    expect([cell("Mon", "h08"), cell("Mon", "h23"), cell("Tue", "h00"), cell("Sat", "h12"), cell("Sun", "h23"), cell("Mon", "h13")]).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it("estimates the cost per integration and country from the prices per segment", async () => {
    const data = await chart("usage");
    const byCountry = (country: string) => data.rows.find((r) => r.country === country);
    expect(data.columns.map((c) => c.key)).toContain("cost");
    // Integration A's US customers: 6 segments sent, 7 received, at $0.0083 each.
    expect(data.rows.find((r) => r.country === "United States (US)" && r.received === 7)).toMatchObject({ sent: 6, cost: 0.1079 });
    expect(byCountry("Canada (CA)")).toMatchObject({ sent: 1, received: 2, cost: 0.0249 });
    expect(byCountry("United Kingdom (GB)")).toMatchObject({ sent: 1, received: 2, cost: 0.0674 });
    // Integration B: one Hi in, its pending draft not sent.
    expect(data.rows.filter((r) => r.country === "United States (US)")).toHaveLength(2);
    // 0.1079 + 0.0083 (B's Hi) + 0.0249 + 0.0674 = 0.2085.
    expect(figure(data, "Estimated cost")?.value).toBe(0.21);
    expect(figure(data, "Segments sent")?.value).toBe(8);
  });

  it("covers the last 7 days up to today on the business's clock", async () => {
    const period = reportPeriod({ range: "7" }, ZONE, at("2026-03-16T03:00:00Z"));
    expect([period.days[0], period.days.at(-1), period.previousDays[0]]).toEqual(["2026-03-09", "2026-03-15", "2026-03-02"]);
    const data = await loadChart({ db, user: ada, chart: "conversations", filters: { ...FORTNIGHT, range: "7" }, now: at("2026-03-16T03:00:00Z") });
    expect(figure(data, "New tickets")).toMatchObject({ value: 2, previous: 7 });
  });

  it("exports the chart's rows as CSV", async () => {
    const data = await chart("failures");
    const csv = toCsv(data.columns, data.rows);
    expect(csv.split("\r\n")[0]).toBe("Error code,Replies,What happened,What to do");
    expect(csv).toContain('30034,1,"This number is not registered for business texting (A2P 10DLC), so carriers block it.",');
  });
});
