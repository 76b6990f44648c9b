import { randomInt } from "node:crypto";
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Database, type DatabaseHandle } from "@/db/client";
import {
  compactMessageRollups,
  MESSAGE_ROLLUPS,
  countDeliveryPerDayFromRollups,
  countFailuresByCodeFromRollups,
  countInboundByHourFromRollups,
  countSegmentsPerDayFromRollups,
  countUsageFromRollups,
} from "@/db/queries/report-rollups";
import { countDeliveryPerDay, countFailuresByCode, countInboundByHour, countSegmentsPerDay, countUsage, type ReportScope } from "@/db/queries/reports";
import { customers, messages, tickets, users, type User } from "@/db/schema";
import { testDatabases } from "../support/database";
import { seedAdmin, seedAgent, seedTicket } from "../support/inbox-seed";

// The rollups against the rows they sum up, after a mixed history: texts both ways over days and
// time zones, replies that fail after being delivered or are taken by Twilio late, notes,
// reassignments, a customer whose country is corrected, reopened tickets, deleted messages,
// a deleted ticket and a deleted agent.

/** message_rollups as the raw rows give them, and as kept (with the deltas not yet folded in): every non-empty group. */
const RAW_GROUPS = sql`
  select date_trunc('hour', m.created_at, 'UTC') as hour, t.integration_id, t.assignee_id, c.country, m.direction::text, m.status::text,
         m.twilio_sid is not null as sent, case when m.status in ('undelivered', 'failed') then m.error_code end as error_code,
         count(*)::int as messages, coalesce(sum(m.segments), 0)::int as segments
  from messages m join tickets t on t.id = m.ticket_id join customers c on c.id = t.customer_id
  where m.direction <> 'note'
  group by 1, 2, 3, 4, 5, 6, 7, 8`;
const keptGroups = (rollups: SQL) => sql`
  select hour, integration_id, assignee_id, country, direction::text, status::text, sent, error_code, sum(messages)::int as messages, sum(segments)::int as segments
  from ${rollups} r group by 1, 2, 3, 4, 5, 6, 7, 8 having sum(messages) <> 0 or sum(segments) <> 0`;
const KEPT_GROUPS = keptGroups(MESSAGE_ROLLUPS);
/** message_rollups alone: what compaction leaves. */
const FOLDED_GROUPS = keptGroups(sql`message_rollups`);
const RAW_REPLIES = sql`
  select date_trunc('hour', m.created_at, 'UTC') as hour, m.author_id, m.ticket_id, t.integration_id, t.assignee_id, count(*)::int as replies
  from messages m join tickets t on t.id = m.ticket_id
  where m.direction = 'outbound' and m.author_id is not null and m.twilio_sid is not null
  group by 1, 2, 3, 4, 5`;
const KEPT_REPLIES = sql`select hour, author_id, ticket_id, integration_id, assignee_id, replies from reply_rollups`;
const RAW_FIRSTS = sql`
  select t.id, min(m.created_at) filter (where m.direction = 'inbound') as first_inbound_at,
         min(m.created_at) filter (where m.direction = 'outbound' and m.author_id is not null and m.twilio_sid is not null) as first_reply_at,
         (array_agg(m.author_id order by m.created_at) filter (where m.direction = 'outbound' and m.author_id is not null and m.twilio_sid is not null))[1] as first_reply_by
  from tickets t left join messages m on m.ticket_id = t.id group by t.id`;
const KEPT_FIRSTS = sql`select id, first_inbound_at, first_reply_at, first_reply_by from tickets`;

describe.each(testDatabases())("report rollups on $name", (database) => {
  let handle: DatabaseHandle;
  let db: Database;
  let ada: User;
  let sam: User;
  let leaver: User;
  let integrations: string[];

  const sorted = async (query: ReturnType<typeof sql>) =>
    rowsOf<Record<string, unknown>>(await db.execute(query))
      .map((row) => JSON.stringify(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value === null ? null : String(value)])))
      .sort();

  async function expectRollupsToMatch() {
    expect(await sorted(KEPT_GROUPS)).toEqual(await sorted(RAW_GROUPS));
    expect(await sorted(KEPT_REPLIES)).toEqual(await sorted(RAW_REPLIES));
    expect(await sorted(KEPT_FIRSTS)).toEqual(await sorted(RAW_FIRSTS));
  }

  const BODIES = ["Hi", "Where is my parcel?", "a".repeat(170), "Merci 😀", "ж".repeat(80), ""];
  let sid = 0;

  /** A ticket with a few texts each way over its first hours; returns its id and its outbound messages' ids. */
  async function history(index: number) {
    const opened = Date.UTC(2026, 2, 1 + (index % 20), index % 24, (index * 7) % 60);
    const [customer] = await db
      .insert(customers)
      .values({ phoneE164: `+1415558${String(index).padStart(4, "0")}`, country: ["US", "GB", "CA", null][index % 4] })
      .returning();
    const [ticket] = await db
      .insert(tickets)
      .values({
        integrationId: integrations[index % 2]!,
        customerId: customer!.id,
        assigneeId: [ada.id, sam.id, leaver.id, null][index % 4],
        status: index % 3 === 0 ? "closed" : "open",
        closedAt: index % 3 === 0 ? new Date(opened + 86_400_000) : null,
        createdAt: new Date(opened),
      })
      .returning();
    const rows = Array.from({ length: 2 + (index % 5) }, (_, k) => {
      const direction = k === 3 && index % 2 === 0 ? "note" : k % 2 === 0 ? "inbound" : "outbound";
      const failed = direction === "outbound" && (index + k) % 4 === 0;
      return {
        ticketId: ticket!.id,
        direction: direction as "inbound" | "outbound" | "note",
        body: BODIES[(index + k) % BODIES.length]!,
        status: direction === "inbound" ? ("received" as const) : direction === "note" ? ("sent" as const) : failed ? ("failed" as const) : ("delivered" as const),
        errorCode: failed ? [30003, 30007][k % 2]! : null,
        twilioSid: direction === "note" ? null : `SM${String(++sid).padStart(32, "0")}`,
        authorId: direction === "outbound" ? ([ada.id, sam.id, leaver.id, null][(index + k) % 4] ?? null) : null,
        createdAt: new Date(opened + k * 40 * 60_000 + randomInt(60_000)),
      };
    });
    const stored = await db.insert(messages).values(rows).returning({ id: messages.id, direction: messages.direction });
    return { id: ticket!.id, outbound: stored.filter((m) => m.direction === "outbound").map((m) => m.id) };
  }

  beforeAll(async () => {
    handle = await database.open();
    db = handle.db;
    ada = await seedAdmin(db, "Ada Admin");
    sam = await seedAgent(db, "Sam Agent");
    leaver = await seedAgent(db, "Lee Leaver");
    integrations = [(await seedTicket(db)).integration.id, (await seedTicket(db)).integration.id];
  });
  afterAll(() => handle.close());

  it("match the messages after a mixed history of texts, status changes, reassignments, reopenings and deletions", async () => {
    const made = [];
    for (let index = 0; index < 40; index++) made.push(await history(index));
    await expectRollupsToMatch();

    // Delivered, then failed (a late callback); an error code corrected; a reply Twilio took late.
    const outbound = made.flatMap((ticket) => ticket.outbound);
    await db.update(messages).set({ status: "failed", errorCode: 30008 }).where(inArray(messages.id, outbound.slice(0, 6)));
    await db.update(messages).set({ errorCode: 30005 }).where(eq(messages.errorCode, 30003));
    const [late] = await db
      .insert(messages)
      .values({ ticketId: made[5]!.id, direction: "outbound", body: "On it", status: "queued", authorId: sam.id, createdAt: new Date(Date.UTC(2026, 1, 27, 23, 59)) })
      .returning();
    await expectRollupsToMatch();
    await db.update(messages).set({ status: "sent", twilioSid: "SMlate000000000000000000000000001" }).where(eq(messages.id, late!.id));
    await db.update(messages).set({ status: "delivered" }).where(eq(messages.id, late!.id));
    // Reassigned, unassigned, moved to the other integration; a customer's country corrected.
    await db.update(tickets).set({ assigneeId: sam.id }).where(eq(tickets.id, made[0]!.id));
    await db.update(tickets).set({ assigneeId: null }).where(eq(tickets.id, made[1]!.id));
    await db.update(tickets).set({ integrationId: integrations[1]! }).where(eq(tickets.id, made[2]!.id));
    const [moved] = await db.select({ customerId: tickets.customerId }).from(tickets).where(eq(tickets.id, made[3]!.id));
    await db.update(customers).set({ country: "FR" }).where(eq(customers.id, moved!.customerId));
    // Reopened by the customer, answered again.
    await db.update(tickets).set({ status: "open", closedAt: null }).where(eq(tickets.id, made[6]!.id));
    await db.insert(messages).values([
      { ticketId: made[6]!.id, direction: "inbound", body: "Me again", status: "received", twilioSid: "SMreopen00000000000000000000000001", createdAt: new Date(Date.UTC(2026, 3, 2, 10)) },
      { ticketId: made[6]!.id, direction: "outbound", body: "Back on it", status: "delivered", twilioSid: "SMreopen00000000000000000000000002", authorId: ada.id, createdAt: new Date(Date.UTC(2026, 3, 2, 11)) },
    ]);
    await expectRollupsToMatch();

    // A ticket's first reply deleted, then its first text; a whole ticket deleted; an agent deleted.
    const [first] = await db.select({ at: tickets.firstReplyAt }).from(tickets).where(eq(tickets.id, made[9]!.id));
    expect(first!.at).not.toBeNull();
    await db.execute(sql`delete from messages where ticket_id = ${made[9]!.id} and created_at = ${first!.at!.toISOString()}::timestamptz`);
    await db.execute(sql`delete from messages where id = (select id from messages where ticket_id = ${made[10]!.id} and direction = 'inbound' order by created_at limit 1)`);
    await db.delete(tickets).where(eq(tickets.id, made[11]!.id));
    await db.delete(users).where(eq(users.id, leaver.id));
    await expectRollupsToMatch();
  });

  it("give each chart's figures as the messages do, with and without filters", async () => {
    const scopes: ReportScope[] = [
      { from: new Date("2026-02-20T05:00:00Z"), to: new Date("2026-04-10T04:00:00Z"), timeZone: "America/New_York" },
      { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-15T00:00:00Z"), timeZone: "UTC", integrationId: integrations[0] },
      { from: new Date("2026-02-28T23:00:00Z"), to: new Date("2026-03-31T22:00:00Z"), timeZone: "Europe/Paris", assigneeId: sam.id },
    ];
    const canonical = (list: object[]) => list.map((row) => JSON.stringify(row)).sort();
    for (const scope of scopes) {
      for (const [fromRollups, fromMessages] of [
        [countSegmentsPerDayFromRollups, countSegmentsPerDay],
        [countDeliveryPerDayFromRollups, countDeliveryPerDay],
        [countFailuresByCodeFromRollups, countFailuresByCode],
        [countInboundByHourFromRollups, countInboundByHour],
        [countUsageFromRollups, countUsage],
      ] as const) {
        const expected = canonical(await fromMessages({ db, scope }));
        expect(expected.length).toBeGreaterThan(0);
        expect(canonical(await fromRollups({ db, scope }))).toEqual(expected);
      }
    }
  });

  it("fold their deltas into the rollups without changing a figure, and a second compaction finds nothing left", async () => {
    const deltas = async () => rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from message_rollup_deltas`))[0]!.n;
    const ticket = await seedTicket(db);
    await db.insert(messages).values({ ticketId: ticket.ticket.id, direction: "inbound", body: "Before folding", status: "received", twilioSid: "SMfold0000000000000000000000000001", createdAt: new Date(Date.UTC(2026, 2, 3, 9)) });
    expect(await deltas()).toBeGreaterThan(0);
    const before = await sorted(KEPT_GROUPS);

    expect(await compactMessageRollups({ db })).toBeGreaterThan(0);
    expect(await deltas()).toBe(0);
    expect(await sorted(KEPT_GROUPS)).toEqual(before);
    expect(await sorted(FOLDED_GROUPS)).toEqual(before);
    await expectRollupsToMatch();
    expect(await compactMessageRollups({ db })).toBe(0);

    // Changes after folding are deltas again, read with the rollups.
    await db.update(messages).set({ status: "failed", errorCode: 30007 }).where(eq(messages.twilioSid, "SMfold0000000000000000000000000001"));
    expect(await deltas()).toBeGreaterThan(0);
    await expectRollupsToMatch();
  });

  it("are filled in again from the rows by report_rollups_rebuild, as the migration fills them for existing data", async () => {
    await db.execute(sql`delete from message_rollups`);
    await db.execute(sql`delete from message_rollup_deltas`);
    await db.execute(sql`delete from reply_rollups`);
    await db.execute(sql`update tickets set first_inbound_at = null, first_reply_at = null, first_reply_by = null`);
    expect(await sorted(KEPT_GROUPS)).toEqual([]);
    await db.execute(sql`select report_rollups_rebuild()`);
    expect((await sorted(KEPT_GROUPS)).length).toBeGreaterThan(40);
    await expectRollupsToMatch();
  });
});
