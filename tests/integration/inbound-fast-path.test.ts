import { asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { fileTextMessage, type FileTextMessage } from "@/db/queries/inbound";
import { customers, events, jobs, messages, rules, tickets } from "@/db/schema";
import { INBOX_CHANNEL } from "@/lib/realtime/publish";
import { recordInboundMessage } from "@/lib/inbound/record";
import { parseInboundMessage } from "@/lib/inbound/validation";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import { testDatabases } from "../support/database";
import { BUSINESS, closeInboundDatabase, openInboundDatabase, postInbound as send, ticketsOfCustomer } from "../support/inbound";
import { inboundParams, messageSid, PUBLIC_BASE } from "../support/twilio";

// The one statement that files a text message (db/queries/inbound.ts), with the live events
// published after it, and through the webhook under concurrency: whatever the customer and ticket, one ticket per conversation
// and one message per MessageSid.

beforeAll(() => {
  process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
});

describe.each(testDatabases())("a text filed in one statement on $name", (database) => {
  let handle: DatabaseHandle;
  let customerNumber = 0;
  const notified: Array<Record<string, unknown>> = [];

  const newCustomer = () => `+1415556${String(3000 + customerNumber++).padStart(4, "0")}`;
  const input = (from: string, body: string, extra: Partial<FileTextMessage> = {}): FileTextMessage => ({
    messageSid: messageSid(),
    fromE164: from,
    toE164: BUSINESS,
    body,
    preview: body,
    country: "US",
    now: new Date(),
    rulesJobKind: "rules.run",
    wokenEventType: TICKET_EVENTS.woken,
    ...extra,
  });
  /** A text through recordInboundMessage, which files it with that statement, then publishes its live events. */
  const file = async (from: string, body: string) => {
    const parsed = parseInboundMessage(await inboundParams({ From: from, To: BUSINESS, Body: body }));
    if (!parsed.ok) throw new Error(parsed.message);
    const outcome = await recordInboundMessage({ db: handle.db, message: parsed.message });
    if (outcome.outcome !== "stored") throw new Error(`not stored: ${outcome.outcome}`);
    return outcome;
  };
  const timeline = async (ticketId: string) =>
    (await handle.db.select({ type: events.type, data: events.data }).from(events).where(eq(events.ticketId, ticketId)).orderBy(asc(events.id))).map((e) =>
      e.type === TICKET_EVENTS.woken ? [e.type, e.data.by] : [e.type],
    );
  /** The NOTIFY payloads about one ticket, once the statement's commit delivered them. */
  const notificationsOf = async (ticketId: string, count: number) => {
    await expect.poll(() => notified.filter((event) => event.ticketId === ticketId).length).toBe(count);
    return notified.filter((event) => event.ticketId === ticketId).map(({ type, customerId, fromCustomer }) => ({ type, customerId, fromCustomer }));
  };

  beforeAll(async () => {
    ({ handle } = await openInboundDatabase(database));
    await handle.listen(INBOX_CHANNEL, (payload) => notified.push(JSON.parse(payload) as Record<string, unknown>));
  });
  afterAll(() => closeInboundDatabase(handle));

  it("makes a new customer and their ticket, then joins it, reopens it within the window and starts another after it", async () => {
    const from = newCustomer();
    const first = await file(from, "Where is my order?");
    expect(first).toMatchObject({ ticketChange: "created", queuedWork: false });
    const [customer] = await handle.db.select().from(customers).where(eq(customers.phoneE164, from));
    expect(customer?.country).toBe("US");
    const [ticket] = await handle.db.select().from(tickets).where(eq(tickets.id, first!.ticketId));
    expect(ticket).toMatchObject({ status: "open", customerId: customer!.id, lastMessagePreview: "Where is my order?", snoozedUntil: null });
    expect(ticket!.waitingSince).not.toBeNull();
    expect(ticket!.firstInboundAt).not.toBeNull();
    expect(await timeline(first!.ticketId)).toEqual([["ticket.created"]]);
    expect(await notificationsOf(first!.ticketId, 1)).toEqual([{ type: "ticket.created", customerId: customer!.id, fromCustomer: undefined }]);

    const second = await file(from, "Any news?");
    expect(second).toMatchObject({ ticketChange: "joined", ticketId: first!.ticketId });

    await handle.db.update(tickets).set({ status: "closed", closedAt: new Date(Date.now() - 2 * 86_400_000), waitingSince: null }).where(eq(tickets.id, first!.ticketId));
    const third = await file(from, "Me again");
    expect(third).toMatchObject({ ticketChange: "reopened", ticketId: first!.ticketId });
    const [reopened] = await handle.db.select().from(tickets).where(eq(tickets.id, first!.ticketId));
    expect(reopened).toMatchObject({ status: "open", closedAt: null, lastMessagePreview: "Me again" });
    expect(reopened!.waitingSince).not.toBeNull();
    expect(await timeline(first!.ticketId)).toEqual([["ticket.created"], ["ticket.reopened"]]);
    expect((await notificationsOf(first!.ticketId, 4)).slice(2)).toEqual([
      { type: "message.created", customerId: undefined, fromCustomer: true },
      { type: "ticket.updated", customerId: customer!.id, fromCustomer: undefined },
    ]);

    await handle.db.update(tickets).set({ status: "closed", closedAt: new Date(Date.now() - 4 * 86_400_000) }).where(eq(tickets.id, first!.ticketId));
    const fourth = await file(from, "A new question");
    expect(fourth).toMatchObject({ ticketChange: "created" });
    expect(fourth!.ticketId).not.toBe(first!.ticketId);
    expect(await ticketsOfCustomer(handle.db, from)).toHaveLength(2);
  });

  it("wakes a snoozed ticket, and queues the rules job only while a rule is enabled, saying whether the ticket is new", async () => {
    const from = newCustomer();
    const first = await file(from, "hello");
    await handle.db.update(tickets).set({ snoozedUntil: new Date(Date.now() + 86_400_000) }).where(eq(tickets.id, first!.ticketId));
    const [rule] = await handle.db
      .insert(rules)
      .values({ name: "Nothing to do", position: 0, trigger: "message_received" })
      .returning({ id: rules.id });
    try {
      const woken = await file(from, "still there?");
      expect(woken).toMatchObject({ ticketChange: "joined", queuedWork: true });
      const [ticket] = await handle.db.select().from(tickets).where(eq(tickets.id, first!.ticketId));
      expect(ticket?.snoozedUntil).toBeNull();
      expect(await timeline(first!.ticketId)).toEqual([["ticket.created"], [TICKET_EVENTS.woken, "customer"]]);

      const other = await file(newCustomer(), "first time");
      const queued = await handle.db.select({ payload: jobs.payload }).from(jobs).where(inArray(jobs.dedupeKey, [`rules:${woken!.messageId}`, `rules:${other!.messageId}`]));
      expect(queued.map((job) => job.payload).sort((a, b) => Number(a.ticketCreated) - Number(b.ticketCreated))).toEqual([
        { messageId: woken!.messageId, ticketCreated: false },
        { messageId: other!.messageId, ticketCreated: true },
      ]);
    } finally {
      await handle.db.delete(rules).where(eq(rules.id, rule!.id));
    }
  });

  it("files nothing for a stored MessageSid or a number with no integration, leaving the answer to the general way", async () => {
    const from = newCustomer();
    const first = input(from, "once");
    await fileTextMessage(handle.db, first);
    expect(await fileTextMessage(handle.db, { ...first, body: "twice" })).toBeNull();
    expect(await handle.db.select().from(messages).where(eq(messages.twilioSid, first.messageSid))).toHaveLength(1);

    const stranger = newCustomer();
    expect(await fileTextMessage(handle.db, input(stranger, "hello?", { toE164: "+14155550999" }))).toBeNull();
    expect(await handle.db.select().from(customers).where(eq(customers.phoneE164, stranger))).toEqual([]);
  });

  it("keeps one ticket per new customer and one message per MessageSid when first messages and retries arrive at once", async () => {
    const people = Array.from({ length: 8 }, newCustomer);
    const webhooks = await Promise.all(people.flatMap((from) => Array.from({ length: 4 }, (_, index) => inboundParams({ From: from, To: BUSINESS, Body: `message ${index}` }))));
    // Every webhook twice, all at once: Twilio retrying while the first is still being filed.
    const answers = await Promise.all([...webhooks, ...webhooks].map((params) => send(params)));
    expect(answers.map((answer) => [answer.status, answer.notAccepted])).toEqual(answers.map(() => [200, null]));
    for (const from of people) {
      const found = await ticketsOfCustomer(handle.db, from);
      expect(found).toHaveLength(1);
      const bodies = await handle.db.select({ body: messages.body }).from(messages).where(eq(messages.ticketId, found[0]!.id));
      expect(bodies.map((b) => b.body).sort()).toEqual(["message 0", "message 1", "message 2", "message 3"]);
      expect(await timeline(found[0]!.id)).toEqual([["ticket.created"]]);
    }
    const [{ n }] = (await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(messages)
      .where(inArray(messages.twilioSid, webhooks.map((params) => params.MessageSid!)))) as [{ n: number }];
    expect(n).toBe(webhooks.length);
  });
});
