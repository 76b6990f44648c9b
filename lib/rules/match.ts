import { countryName } from "@/lib/phone/normalize";
import { businessHoursStatus, describeLocalTime, type BusinessHours } from "./business-hours";
import { countryList, integrationName, type RuleNames } from "./describe";
import type { RuleAction, RuleCondition, RuleTrigger } from "./validation";
import { findWord, listWords } from "./words";

/** What rules look at: one inbound message and the ticket it landed on, as things stand now. */
export interface RuleSubject {
  /** This message created the ticket (not joined, not reopened). */
  ticketCreated: boolean;
  /** No earlier message, from either side, on the ticket. */
  isFirstMessage: boolean;
  body: string;
  receivedAt: Date;
  integrationId: string;
  customerCountry: string | null;
  assigneeId: string | null;
  ticketStatus: "open" | "closed";
  tags: readonly string[];
}

export interface MatchEnvironment {
  /** Null until an admin sets business hours. */
  businessHours: BusinessHours | null;
  names: RuleNames;
}

export interface RuleDefinition {
  id: string;
  name: string;
  enabled: boolean;
  trigger: RuleTrigger;
  conditions: readonly RuleCondition[];
  actions: readonly RuleAction[];
}

export type ConditionCheck = { ok: true } | { ok: false; reason: string };

const pass: ConditionCheck = { ok: true };
const fail = (reason: string): ConditionCheck => ({ ok: false, reason });

function checkBusinessHours(when: "inside" | "outside", subject: RuleSubject, environment: MatchEnvironment): ConditionCheck {
  const hours = environment.businessHours;
  if (!hours) return fail("business hours are not set up yet (Settings → Business hours)");
  const status = businessHoursStatus(hours, subject.receivedAt);
  const at = `${describeLocalTime(status.local)}, ${hours.timeZone}`;
  if (when === "inside") {
    if (status.open) return pass;
    return fail(status.closedDate ? `it was a closed date (${status.closedDate.label || status.closedDate.date})` : `it was outside business hours (${at})`);
  }
  return status.open ? fail(`it was during business hours (${at})`) : pass;
}

/** Whether one condition holds, and if not, why, in words that finish "The rule did nothing: …". */
export function checkCondition(condition: RuleCondition, subject: RuleSubject, environment: MatchEnvironment): ConditionCheck {
  switch (condition.type) {
    case "integration":
      return condition.integrationIds.includes(subject.integrationId)
        ? pass
        : fail(`the message came in on ${integrationName(environment.names, subject.integrationId)}`);
    case "text_contains_any":
      return findWord(subject.body, condition.words) ? pass : fail(`the message contains none of ${listWords(condition.words, "and")}`);
    case "text_contains_none": {
      const found = findWord(subject.body, condition.words);
      return found ? fail(`the message contains “${found}”`) : pass;
    }
    case "first_message":
      return subject.isFirstMessage ? pass : fail("it was not the first message of the ticket");
    case "business_hours":
      return checkBusinessHours(condition.when, subject, environment);
    case "customer_country": {
      const country = subject.customerCountry?.toUpperCase() ?? null;
      if (country && condition.countries.includes(country)) return pass;
      return fail(country ? `the customer is in ${countryName(country)}, not ${countryList(condition.countries)}` : "the customer's country is not known");
    }
    case "assignment":
      if (condition.state === "assigned") return subject.assigneeId ? pass : fail("the ticket was unassigned");
      return subject.assigneeId ? fail("the ticket was already assigned") : pass;
  }
}

export function triggerApplies(trigger: RuleTrigger, subject: RuleSubject): boolean {
  return trigger === "message_received" || subject.ticketCreated;
}

/** All conditions must hold; the first that does not is the reason. */
export function matchConditions(conditions: readonly RuleCondition[], subject: RuleSubject, environment: MatchEnvironment): ConditionCheck {
  for (const condition of conditions) {
    const check = checkCondition(condition, subject, environment);
    if (!check.ok) return check;
  }
  return pass;
}

/** The ticket as later rules see it once an action is done, so "unassigned" is false after "assign". */
export function applyToSubject(subject: RuleSubject, action: RuleAction): RuleSubject {
  switch (action.type) {
    case "assign":
      return { ...subject, assigneeId: action.userId };
    case "add_tag":
      return subject.tags.includes(action.tag) ? subject : { ...subject, tags: [...subject.tags, action.tag] };
    case "close_ticket":
      return { ...subject, ticketStatus: "closed" };
    default:
      return subject;
  }
}
