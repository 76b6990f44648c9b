import { describe, expect, it } from "vitest";
import type { BusinessHours } from "./business-hours";
import { applyToSubject, checkCondition, matchConditions, triggerApplies, type MatchEnvironment, type RuleSubject } from "./match";
import type { RuleCondition } from "./validation";

const SHOP = "11111111-1111-4111-8111-111111111111";
const OUTLET = "22222222-2222-4222-8222-222222222222";
const AGENT = "33333333-3333-4333-8333-333333333333";

const hours: BusinessHours = {
  timeZone: "America/New_York",
  periods: (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({ day, start: "09:00", end: "17:00" })),
  closedDates: [{ date: "2024-12-25", label: "Christmas" }],
};
const environment: MatchEnvironment = { businessHours: hours, names: { integrations: { [SHOP]: "Shop SMS", [OUTLET]: "Outlet SMS" }, users: { [AGENT]: "Sam" } } };

// Monday 15 Jan 2024: 12:00 in New York is 17:00Z; 22:00 in New York is 03:00Z the next day.
const NOON = new Date("2024-01-15T17:00:00Z");
const NIGHT = new Date("2024-01-16T03:00:00Z");
const SATURDAY = new Date("2024-01-13T17:00:00Z");
const CHRISTMAS_NOON = new Date("2024-12-25T17:00:00Z");

function subject(overrides: Partial<RuleSubject> = {}): RuleSubject {
  return {
    ticketCreated: true,
    isFirstMessage: true,
    body: "Hi, where is my order?",
    receivedAt: NOON,
    integrationId: SHOP,
    customerCountry: "US",
    assigneeId: null,
    ticketStatus: "open",
    tags: [],
    ...overrides,
  };
}

const holds = (condition: RuleCondition, overrides: Partial<RuleSubject> = {}, env = environment) => checkCondition(condition, subject(overrides), env).ok;

describe("conditions × messages × times", () => {
  const outside: RuleCondition = { type: "business_hours", when: "outside" };
  const inside: RuleCondition = { type: "business_hours", when: "inside" };

  it.each([
    ["a weekday noon", NOON, true],
    ["a weekday night", NIGHT, false],
    ["a Saturday noon", SATURDAY, false],
    ["Christmas noon (closed date)", CHRISTMAS_NOON, false],
  ])("inside/outside business hours on %s", (_label, receivedAt, open) => {
    expect(holds(inside, { receivedAt })).toBe(open);
    expect(holds(outside, { receivedAt })).toBe(!open);
  });

  it("explains why a business-hours condition failed, with the local time", () => {
    expect(checkCondition(outside, subject(), environment)).toEqual({ ok: false, reason: "it was during business hours (Monday 2024-01-15 at 12:00, America/New_York)" });
    expect(checkCondition(inside, subject({ receivedAt: CHRISTMAS_NOON }), environment)).toEqual({ ok: false, reason: "it was a closed date (Christmas)" });
  });

  it("never matches a business-hours condition before business hours are set up", () => {
    const none = { ...environment, businessHours: null };
    expect(checkCondition(outside, subject({ receivedAt: NIGHT }), none)).toEqual({ ok: false, reason: "business hours are not set up yet (Settings → Business hours)" });
    expect(holds(inside, {}, none)).toBe(false);
  });

  it.each([
    ["Where is my order?", true],
    ["I want a REFUND", true],
    ["refunded yet?", false],
    ["Thanks!", false],
    ["", false],
  ])("contains any of order/refund: %j", (body, expected) => {
    expect(holds({ type: "text_contains_any", words: ["order", "refund"] }, { body })).toBe(expected);
    expect(holds({ type: "text_contains_none", words: ["order", "refund"] }, { body })).toBe(!expected);
  });

  it("names the word that made 'none of' fail", () => {
    expect(checkCondition({ type: "text_contains_none", words: ["urgent"] }, subject({ body: "URGENT please" }), environment)).toEqual({ ok: false, reason: "the message contains “urgent”" });
  });

  it("checks the SMS integration", () => {
    expect(holds({ type: "integration", integrationIds: [SHOP, OUTLET] })).toBe(true);
    expect(checkCondition({ type: "integration", integrationIds: [OUTLET] }, subject(), environment)).toEqual({ ok: false, reason: "the message came in on Shop SMS" });
  });

  it("checks the first message", () => {
    expect(holds({ type: "first_message" })).toBe(true);
    expect(holds({ type: "first_message" }, { isFirstMessage: false })).toBe(false);
  });

  it("checks the customer's country", () => {
    expect(holds({ type: "customer_country", countries: ["US", "CA"] })).toBe(true);
    expect(checkCondition({ type: "customer_country", countries: ["FR", "DE"] }, subject(), environment)).toEqual({
      ok: false,
      reason: "the customer is in United States, not France or Germany",
    });
    expect(holds({ type: "customer_country", countries: ["US"] }, { customerCountry: null })).toBe(false);
    expect(holds({ type: "customer_country", countries: ["US"] }, { customerCountry: "us" })).toBe(true);
  });

  it("checks assignment", () => {
    expect(holds({ type: "assignment", state: "unassigned" })).toBe(true);
    expect(holds({ type: "assignment", state: "assigned" })).toBe(false);
    expect(holds({ type: "assignment", state: "assigned" }, { assigneeId: AGENT })).toBe(true);
    expect(holds({ type: "assignment", state: "unassigned" }, { assigneeId: AGENT })).toBe(false);
  });
});

describe("matchConditions", () => {
  it("matches with no conditions", () => {
    expect(matchConditions([], subject(), environment)).toEqual({ ok: true });
  });

  it("needs every condition, and reports the first that fails", () => {
    const conditions: RuleCondition[] = [
      { type: "business_hours", when: "outside" },
      { type: "text_contains_none", words: ["stop"] },
      { type: "customer_country", countries: ["US"] },
    ];
    expect(matchConditions(conditions, subject({ receivedAt: NIGHT }), environment)).toEqual({ ok: true });
    expect(matchConditions(conditions, subject({ receivedAt: NIGHT, customerCountry: "CA" }), environment)).toMatchObject({ ok: false, reason: expect.stringContaining("Canada") });
    expect(matchConditions(conditions, subject({ receivedAt: NOON, customerCountry: "CA" }), environment)).toMatchObject({ ok: false, reason: expect.stringContaining("during business hours") });
  });
});

describe("triggers", () => {
  it("runs 'ticket created' rules only for the message that created the ticket", () => {
    expect(triggerApplies("ticket_created", subject())).toBe(true);
    expect(triggerApplies("ticket_created", subject({ ticketCreated: false }))).toBe(false);
    expect(triggerApplies("message_received", subject({ ticketCreated: false }))).toBe(true);
  });
});

describe("applyToSubject", () => {
  it("shows later rules the ticket as earlier actions left it", () => {
    let state = subject();
    state = applyToSubject(state, { type: "assign", userId: AGENT });
    state = applyToSubject(state, { type: "add_tag", tag: "vip" });
    state = applyToSubject(state, { type: "add_tag", tag: "vip" });
    state = applyToSubject(state, { type: "close_ticket" });
    expect(state).toMatchObject({ assigneeId: AGENT, tags: ["vip"], ticketStatus: "closed" });
    expect(applyToSubject(state, { type: "stop_rules" })).toBe(state);
  });
});
