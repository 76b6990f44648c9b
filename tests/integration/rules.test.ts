import { randomInt } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { InboxEvent } from "@/lib/realtime/publish";
import { allowedCountries, customers, events, jobs, messages, phoneNumbers, ruleRuns, rules, smsIntegrations, tickets, users } from "@/db/schema";
import { testDatabases, useDatabase } from "../support/database";
import { uniqueUsNumber } from "../support/inbox-seed";
import { useFakeTwilio } from "../support/fake-twilio";
import { runJobsUntilIdle } from "../support/jobs";
import { inboundParams, signedTwilioRequest } from "../support/twilio";

vi.hoisted(() => {
  process.env.TWILIO_ACCOUNT_SID = `AC${"2".repeat(32)}`;
  process.env.TWILIO_AUTH_TOKEN = "rules-test-auth-token";
  process.env.NEXTAUTH_SECRET = "rules-test-secret";
  process.env.PUBLIC_BASE_URL = "https://inbox.example.test";
});

const { POST: inbound } = await import("@/app/api/twilio/sms/route");
const { createRule } = await import("@/lib/rules/manage");
const { saveBusinessHours } = await import("@/lib/rules/store");
const { runRulesForMessage } = await import("@/lib/rules/run");
const { subscribeInboxEvents } = await import("@/lib/realtime/hub");

const CLOSED_TEXT = "Thanks! We are closed, we will answer at 9am.";
const ALWAYS_CLOSED = { timeZone: "America/New_York", periods: [], closedDates: [] };

describe.each(testDatabases())("rules on $name", (database) => {
  let handle: DatabaseHandle;
  const twilio = useFakeTwilio();
  let business: string;
  let integrationId: string;

  const customerNumber = uniqueUsNumber;
  async function deliver(params: Record<string, string>) {
    const response = await inbound(await signedTwilioRequest("/api/twilio/sms", params));
    expect(response.status).toBe(200);
    return params;
  }
  const text = async (from: string, body: string, extra: Record<string, string> = {}) => deliver(await inboundParams({ From: from, To: business, Body: body, ...extra }));
  const repliesTo = (to: string) => twilio.messageRequests().filter((request) => request.params.get("To") === to);
  async function ticketOf(phone: string) {
    const [row] = await handle.db
      .select({ ticket: tickets })
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(eq(customers.phoneE164, phone));
    return row!.ticket;
  }
  async function ruleEvents(ticketId: string) {
    const rows = await handle.db.select().from(events).where(and(eq(events.ticketId, ticketId), eq(events.type, "rule.ran"))).orderBy(asc(events.id));
    return rows.map((row) => row.data as { ruleName: string; summary: string; matched: boolean });
  }
  async function afterHoursRule(name = "After hours", conditions: unknown[] = [{ type: "business_hours", when: "outside" }]) {
    return createRule({ db: handle.db, input: { name, trigger: "message_received", conditions, actions: [{ type: "auto_reply", text: CLOSED_TEXT }] } });
  }

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    business = customerNumber();
    const [number] = await handle.db
      .insert(phoneNumbers)
      .values({ e164: business, twilioSid: `PN${"3".repeat(32)}`, friendlyName: "Shop", country: "US", type: "local", twilioSms: true, twilioMms: true, source: "purchased" })
      .returning();
    const [integration] = await handle.db.insert(smsIntegrations).values({ name: "Shop SMS", phoneNumberId: number!.id, phoneE164: business }).returning();
    integrationId = integration!.id;
  });
  afterAll(async () => {
    useDatabase(undefined as never);
    await handle.close();
  });
  beforeEach(async () => {
    await handle.db.delete(rules);
    await handle.db.update(smsIntegrations).set({ status: "active" }).where(eq(smsIntegrations.id, integrationId));
    await saveBusinessHours({ db: handle.db, hours: ALWAYS_CLOSED });
  });

  it("auto-replies outside business hours through the sending path, marked with the rule's name", async () => {
    const rule = await afterHoursRule();
    const from = customerNumber();
    await text(from, "Hello, is anyone there?");
    await runJobsUntilIdle(handle.db);

    const sent = repliesTo(from);
    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(sent[0]!.params)).toMatchObject({ From: business, Body: CLOSED_TEXT });
    const ticket = await ticketOf(from);
    const [reply] = await handle.db.select().from(messages).where(and(eq(messages.ticketId, ticket.id), eq(messages.direction, "outbound")));
    expect(reply).toMatchObject({ body: CLOSED_TEXT, ruleId: rule.id, ruleName: "After hours", authorId: null, status: "queued" });
    expect(await ruleEvents(ticket.id)).toEqual([expect.objectContaining({ ruleName: "After hours", matched: true, summary: "sent an auto-reply." })]);
  });

  it("sends one auto-reply when Twilio delivers the same webhook twice, even at once", async () => {
    await afterHoursRule();
    const from = customerNumber();
    const params = await text(from, "Hi");
    await Promise.all([deliver(params), deliver(params)]);
    await runJobsUntilIdle(handle.db);
    await deliver(params);
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(1);
  });

  it("sends one auto-reply when the rules job runs twice, or two workers run it at once", async () => {
    const rule = await afterHoursRule();
    const from = customerNumber();
    await text(from, "Hi");
    const ticket = await ticketOf(from);
    const [message] = await handle.db.select().from(messages).where(eq(messages.ticketId, ticket.id));
    await Promise.all([
      runRulesForMessage({ db: handle.db, messageId: message!.id, ticketCreated: true }),
      runRulesForMessage({ db: handle.db, messageId: message!.id, ticketCreated: true }),
    ]);
    await runJobsUntilIdle(handle.db);
    // The job left behind by a crash comes back: it finds the run done and does nothing again.
    await handle.db.update(jobs).set({ doneAt: null, attempts: 0 }).where(eq(jobs.dedupeKey, `rules:${message!.id}`));
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(1);
    expect(await handle.db.select().from(ruleRuns).where(eq(ruleRuns.ruleId, rule.id))).toHaveLength(1);
    expect(await ruleEvents(ticket.id)).toHaveLength(1);
  });

  it("keeps the rules run as work in the database, so a crash before it runs only delays it", async () => {
    await afterHoursRule();
    const from = customerNumber();
    await text(from, "Anyone?");
    const ticket = await ticketOf(from);
    const [message] = await handle.db.select().from(messages).where(eq(messages.ticketId, ticket.id));
    const [job] = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, `rules:${message!.id}`));
    expect(job).toMatchObject({ kind: "rules.run", doneAt: null, payload: { messageId: message!.id, ticketCreated: true } });
    // A worker claimed it and died: the lease runs out and another worker does the work.
    await handle.db.update(jobs).set({ lockedUntil: sql`now() - interval '1 second'`, attempts: 1 }).where(eq(jobs.id, job!.id));
    expect(repliesTo(from)).toHaveLength(0);
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(1);
  });

  it("replies at most once per rule per ticket in 24 hours, so two bots cannot loop", async () => {
    await afterHoursRule();
    const from = customerNumber();
    await text(from, "Hi");
    await runJobsUntilIdle(handle.db);
    await text(from, "Auto-reply: thanks for your message!");
    await runJobsUntilIdle(handle.db);
    await text(from, "Auto-reply: thanks for your message!");
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(1);
    const ticket = await ticketOf(from);
    expect((await ruleEvents(ticket.id)).map((event) => event.summary)).toEqual([
      "sent an auto-reply.",
      "no auto-reply: this rule already replied on this ticket in the last 24 hours.",
      "no auto-reply: this rule already replied on this ticket in the last 24 hours.",
    ]);

    await handle.db.update(ruleRuns).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(ruleRuns.ticketId, ticket.id));
    await text(from, "Hello again, a day later");
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(2);
  });

  it("lets each rule reply once: the limit is per rule", async () => {
    await afterHoursRule("First");
    await afterHoursRule("Second");
    const from = customerNumber();
    await text(from, "Hi");
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(2);
  });

  it.each(["STOP", "stop", "Unsubscribe!", "HELP", "info", "START"])("never auto-replies to the keyword %s", async (keyword) => {
    await afterHoursRule("Always", []);
    const from = customerNumber();
    await text(from, keyword);
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(0);
    const [event] = await ruleEvents((await ticketOf(from)).id);
    expect(event?.summary).toMatch(/^no auto-reply: the customer (replied|sent) [A-Z]+, /);
  });

  it("never auto-replies to an opted-out customer, and replies again after START", async () => {
    await afterHoursRule("Always", []);
    const from = customerNumber();
    await text(from, "Stop texting me please", { OptOutType: "STOP" });
    await runJobsUntilIdle(handle.db);
    await text(from, "hello?");
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(0);
    const ticket = await ticketOf(from);
    expect((await ruleEvents(ticket.id)).map((event) => event.summary)).toEqual([
      "no auto-reply: the customer replied STOP, which unsubscribes them.",
      "no auto-reply: the customer has unsubscribed (replied STOP).",
    ]);

    await text(from, "START");
    await runJobsUntilIdle(handle.db);
    await handle.db.update(ruleRuns).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(ruleRuns.ticketId, ticket.id));
    await text(from, "ok I am back");
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(1);
  });

  it("never auto-replies on a deactivated integration", async () => {
    await afterHoursRule();
    const from = customerNumber();
    await text(from, "Hi");
    await handle.db.update(smsIntegrations).set({ status: "deactivated" }).where(eq(smsIntegrations.id, integrationId));
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(0);
    const [event] = await ruleEvents((await ticketOf(from)).id);
    expect(event?.summary).toBe("no auto-reply: the SMS integration “Shop SMS” is deactivated.");
  });

  it("never auto-replies to a customer whose country is not allowed", async () => {
    await afterHoursRule();
    await handle.db.insert(allowedCountries).values({ country: "BR" }).onConflictDoNothing();
    const from = `+55119${String(randomInt(10_000_000, 99_999_999))}`;
    await deliver(await inboundParams({ From: from, To: business, Body: "Olá", FromCountry: "BR" }));
    await handle.db.delete(allowedCountries).where(eq(allowedCountries.country, "BR"));
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(0);
    const [event] = await ruleEvents((await ticketOf(from)).id);
    expect(event?.summary).toBe("no auto-reply: messages to Brazil are not allowed.");
  });

  it("explains on the timeline why a rule did nothing", async () => {
    await afterHoursRule();
    await saveBusinessHours({ db: handle.db, hours: { timeZone: "UTC", periods: [{ day: "mon", start: "00:00", end: "00:00" }, { day: "tue", start: "00:00", end: "00:00" }, { day: "wed", start: "00:00", end: "00:00" }, { day: "thu", start: "00:00", end: "00:00" }, { day: "fri", start: "00:00", end: "00:00" }, { day: "sat", start: "00:00", end: "00:00" }, { day: "sun", start: "00:00", end: "00:00" }], closedDates: [] } });
    const from = customerNumber();
    await text(from, "Hi");
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(0);
    const [event] = await ruleEvents((await ticketOf(from)).id);
    expect(event).toMatchObject({ matched: false, summary: expect.stringMatching(/^did nothing: it was during business hours \(\w+day \d{4}-\d\d-\d\d at \d\d:\d\d, UTC\)\.$/) });
  });

  it("does actions in order, lets later rules see them, and stops when told", async () => {
    const [agent] = await handle.db.insert(users).values({ name: "Sam Agent", email: `sam-${randomInt(1e9)}@example.com`, passwordHash: "x" }).returning();
    await createRule({
      db: handle.db,
      input: {
        name: "Refunds",
        trigger: "message_received",
        conditions: [{ type: "text_contains_any", words: ["refund*"] }, { type: "assignment", state: "unassigned" }],
        actions: [{ type: "add_tag", tag: "Refund" }, { type: "assign", userId: agent!.id }, { type: "stop_rules" }],
      },
    });
    await createRule({ db: handle.db, input: { name: "Close all", trigger: "message_received", conditions: [], actions: [{ type: "close_ticket" }] } });

    const heard: InboxEvent[] = [];
    const stopListening = await subscribeInboxEvents((event) => heard.push(event));
    const from = customerNumber();
    await text(from, "I want my money refunded");
    await runJobsUntilIdle(handle.db);
    let ticket = await ticketOf(from);
    expect(ticket).toMatchObject({ tags: ["refund"], assigneeId: agent!.id, status: "open" });
    // The agent's inbox hears of the assignment live, so "Ticket assigned to you" can notify them.
    await vi.waitFor(() => expect(heard).toContainEqual({ type: "ticket.assigned", ticketId: ticket.id, assigneeId: agent!.id, actorId: null }));
    stopListening();
    expect((await ruleEvents(ticket.id)).map((event) => event.summary)).toEqual(["added the tag “refund”; assigned to Sam Agent; stopped further rules."]);

    await text(from, "refund please");
    await runJobsUntilIdle(handle.db);
    ticket = await ticketOf(from);
    expect(ticket.status).toBe("closed");
    expect((await ruleEvents(ticket.id)).slice(1).map((event) => event.summary)).toEqual(["did nothing: the ticket was already assigned.", "closed the ticket."]);
  });

  it("runs 'new ticket' rules only for the message that created the ticket", async () => {
    await createRule({ db: handle.db, input: { name: "Welcome", trigger: "ticket_created", conditions: [{ type: "first_message" }], actions: [{ type: "auto_reply", text: "Hi {{customer.name}}, {{integration.name}} got your message." }] } });
    const from = customerNumber();
    await text(from, "first");
    await runJobsUntilIdle(handle.db);
    await text(from, "second");
    await runJobsUntilIdle(handle.db);
    const sent = repliesTo(from);
    expect(sent.map((request) => request.params.get("Body"))).toEqual(["Hi there, Shop SMS got your message."]);
    expect(await ruleEvents((await ticketOf(from)).id)).toHaveLength(1);
  });

  it("records a reply the sending path refuses, and still does the rule's other actions", async () => {
    await createRule({
      db: handle.db,
      input: { name: "Long", trigger: "message_received", conditions: [], actions: [{ type: "auto_reply", text: CLOSED_TEXT }, { type: "add_tag", tag: "night" }] },
    });
    await handle.db.update(smsIntegrations).set({ maxMessageLength: 20 }).where(eq(smsIntegrations.id, integrationId));
    try {
      const from = customerNumber();
      await text(from, "Hi");
      await runJobsUntilIdle(handle.db);
      expect(repliesTo(from)).toHaveLength(0);
      const ticket = await ticketOf(from);
      expect(ticket.tags).toEqual(["night"]);
      expect(await handle.db.select().from(messages).where(and(eq(messages.ticketId, ticket.id), eq(messages.direction, "outbound")))).toHaveLength(0);
      expect((await ruleEvents(ticket.id)).map((event) => event.summary)).toEqual([
        "no auto-reply: this message is 45 characters; the limit for this SMS integration is 20; added the tag “night”.",
      ]);
    } finally {
      await handle.db.update(smsIntegrations).set({ maxMessageLength: 160 }).where(eq(smsIntegrations.id, integrationId));
    }
  });

  it("does nothing for disabled rules", async () => {
    const rule = await afterHoursRule();
    await handle.db.update(rules).set({ enabled: false }).where(eq(rules.id, rule.id));
    const from = customerNumber();
    await text(from, "Hi");
    await runJobsUntilIdle(handle.db);
    expect(repliesTo(from)).toHaveLength(0);
    expect(await ruleEvents((await ticketOf(from)).id)).toHaveLength(0);
  });
});
