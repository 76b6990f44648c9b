import { describe, expect, it } from "vitest";
import { classifyKeyword } from "@/lib/inbound/keywords";
import type { BusinessHours } from "./business-hours";
import { autoReplyBlock, type AutoReplyFacts } from "./guards";
import type { MatchEnvironment, RuleDefinition, RuleSubject } from "./match";
import { planRules, type PlanInput } from "./plan";

const SHOP = "11111111-1111-4111-8111-111111111111";
const AGENT = "33333333-3333-4333-8333-333333333333";
const GONE = "44444444-4444-4444-8444-444444444444";

const hours: BusinessHours = { timeZone: "Europe/London", periods: [{ day: "mon", start: "09:00", end: "17:00" }], closedDates: [] };
const environment: MatchEnvironment = { businessHours: hours, names: { integrations: { [SHOP]: "Shop SMS" }, users: { [AGENT]: "Sam" } } };
const NIGHT = new Date("2024-01-15T22:00:00Z");

const subject: RuleSubject = {
  ticketCreated: true,
  isFirstMessage: true,
  body: "Hello?",
  receivedAt: NIGHT,
  integrationId: SHOP,
  customerCountry: "GB",
  assigneeId: null,
  ticketStatus: "open",
  tags: [],
};
const replyFacts: Omit<AutoReplyFacts, "repliedRecently"> = {
  keyword: null,
  integration: { name: "Shop SMS", active: true },
  optedOut: false,
  country: "GB",
  countryAllowed: true,
};

function rule(overrides: Partial<RuleDefinition> & Pick<RuleDefinition, "name">): RuleDefinition {
  return { id: overrides.name, enabled: true, trigger: "message_received", conditions: [], actions: [], ...overrides };
}

const input = (rules: RuleDefinition[], overrides: Partial<PlanInput> = {}): PlanInput => ({
  rules,
  subject,
  environment,
  replyFacts,
  values: { customerName: "Ana", integrationName: "Shop SMS" },
  maxLength: 160,
  ...overrides,
});

const closed = rule({
  name: "Closed",
  conditions: [{ type: "business_hours", when: "outside" }],
  actions: [{ type: "auto_reply", text: "Hi {{customer.name}}, {{integration.name}} is closed. We answer at 9am." }],
});

describe("planRules", () => {
  it("says which rules would match and what they would send", () => {
    const [plan] = planRules(input([closed]));
    expect(plan).toMatchObject({ status: "matched", actions: [{ text: "Hi Ana, Shop SMS is closed. We answer at 9am." }] });
    expect(plan?.actions[0]?.blocked).toBeUndefined();
  });

  it("says why a rule would do nothing", () => {
    const [plan] = planRules(input([closed], { subject: { ...subject, receivedAt: new Date("2024-01-15T12:00:00Z") } }));
    expect(plan).toMatchObject({ status: "no_match", reason: "It would do nothing: it was during business hours (Monday 2024-01-15 at 12:00, Europe/London)." });
  });

  it("skips disabled rules, 'new ticket' rules on later messages, and rules after a stop", () => {
    const stopper = rule({ name: "Stopper", actions: [{ type: "add_tag", tag: "seen" }, { type: "stop_rules" }] });
    const plans = planRules(
      input([rule({ name: "Off", enabled: false, actions: [{ type: "close_ticket" }] }), rule({ name: "New only", trigger: "ticket_created", actions: [{ type: "close_ticket" }] }), stopper, closed], {
        subject: { ...subject, ticketCreated: false },
      }),
    );
    expect(plans.map((plan) => [plan.ruleName, plan.status])).toEqual([
      ["Off", "disabled"],
      ["New only", "not_triggered"],
      ["Stopper", "matched"],
      ["Closed", "not_reached"],
    ]);
    expect(plans[3]?.reason).toBe("Rule “Stopper” stopped further rules.");
  });

  it("lets later rules see what earlier rules did", () => {
    const assign = rule({ name: "Assign", actions: [{ type: "assign", userId: AGENT }] });
    const unassignedOnly = rule({ name: "Unassigned", conditions: [{ type: "assignment", state: "unassigned" }], actions: [{ type: "add_tag", tag: "x" }] });
    expect(planRules(input([unassignedOnly, assign, unassignedOnly])).map((plan) => plan.status)).toEqual(["matched", "matched", "no_match"]);
  });

  it("flags an assignment to someone who cannot take tickets", () => {
    const [plan] = planRules(input([rule({ name: "A", actions: [{ type: "assign", userId: GONE }] })]));
    expect(plan?.actions[0]?.blocked).toBe("Not assigned: a removed user cannot take tickets");
  });

  it.each(["STOP", "stop.", "START", "HELP", "info"])("never auto-replies to the keyword %s", (body) => {
    const [plan] = planRules(input([closed], { subject: { ...subject, body }, replyFacts: { ...replyFacts, keyword: classifyKeyword(body) } }));
    expect(plan?.status).toBe("matched");
    expect(plan?.actions[0]?.blocked).toMatch(/^No auto-reply: the customer (replied|sent) [A-Z]+, /);
  });

  it("renders the fallback when the name would break the length limit", () => {
    const [plan] = planRules(input([closed], { values: { customerName: "Bartholomew Montgomery-Featherstonehaugh", integrationName: "Shop SMS" }, maxLength: 50 }));
    expect(plan?.actions[0]?.text).toBe("Hi there, Shop SMS is closed. We answer at 9am.");
  });
});

describe("autoReplyBlock", () => {
  const ok: AutoReplyFacts = { ...replyFacts, repliedRecently: false };

  it("allows a normal reply", () => {
    expect(autoReplyBlock(ok)).toBeNull();
  });

  it.each([
    [{ keyword: { kind: "opt-out", keyword: "STOP" } }, "the customer replied STOP, which unsubscribes them"],
    [{ keyword: { kind: "opt-in", keyword: "START" } }, "the customer replied START, a keyword the carrier answers itself"],
    [{ keyword: { kind: "help", keyword: "HELP" } }, "the customer sent HELP, a keyword the carrier answers itself"],
    [{ integration: { name: "Shop SMS", active: false } }, "the SMS integration “Shop SMS” is deactivated"],
    [{ optedOut: true }, "the customer has unsubscribed (replied STOP)"],
    [{ countryAllowed: false, country: "BR" }, "messages to Brazil are not allowed"],
    [{ countryAllowed: false, country: null }, "the customer's country is not known"],
    [{ repliedRecently: true }, "this rule already replied on this ticket in the last 24 hours"],
  ] as const)("refuses when %j", (change, reason) => {
    expect(autoReplyBlock({ ...ok, ...change } as AutoReplyFacts)).toBe(reason);
  });
});
