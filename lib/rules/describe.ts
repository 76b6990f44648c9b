import { countryName } from "@/lib/phone/normalize";
import type { RuleAction, RuleCondition, RuleTrigger } from "./validation";
import { listWords } from "./words";

/** Names of the things rules point at, for sentences; ids not found read as "a removed …". */
export interface RuleNames {
  integrations: Readonly<Record<string, string>>;
  users: Readonly<Record<string, string>>;
}

export const NO_NAMES: RuleNames = { integrations: {}, users: {} };

export const TRIGGER_LABELS: Record<RuleTrigger, string> = {
  ticket_created: "A new SMS ticket is created",
  message_received: "Any customer SMS arrives",
};

export function integrationName(names: RuleNames, id: string): string {
  return names.integrations[id] ?? "a removed SMS integration";
}

export function userName(names: RuleNames, id: string): string {
  return names.users[id] ?? "a removed user";
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

export function countryList(codes: readonly string[]): string {
  return orList(codes.map((code) => countryName(code)));
}

/** "the SMS integration is Shop SMS or Outlet SMS" */
export function describeCondition(condition: RuleCondition, names: RuleNames): string {
  switch (condition.type) {
    case "integration":
      return `the SMS integration is ${orList(condition.integrationIds.map((id) => integrationName(names, id)))}`;
    case "text_contains_any":
      return `the message contains ${listWords(condition.words)}`;
    case "text_contains_none":
      return `the message contains none of ${listWords(condition.words, "and")}`;
    case "first_message":
      return "it is the first message of the ticket";
    case "business_hours":
      return condition.when === "inside" ? "it is during business hours" : "it is outside business hours";
    case "customer_country":
      return `the customer's country is ${countryList(condition.countries)}`;
    case "assignment":
      return condition.state === "assigned" ? "the ticket is assigned" : "the ticket is unassigned";
  }
}

/** "send the auto-reply “Thanks!…”" */
export function describeAction(action: RuleAction, names: RuleNames): string {
  switch (action.type) {
    case "auto_reply":
      return `send the auto-reply “${action.text}”`;
    case "assign":
      return `assign to ${userName(names, action.userId)}`;
    case "add_tag":
      return `add the tag “${action.tag}”`;
    case "close_ticket":
      return "close the ticket";
    case "stop_rules":
      return "stop running further rules";
  }
}

/** "When a new SMS ticket is created, if it is outside business hours: send the auto-reply …" */
export function describeRule(rule: { trigger: RuleTrigger; conditions: readonly RuleCondition[]; actions: readonly RuleAction[] }, names: RuleNames): string {
  const when = `${TRIGGER_LABELS[rule.trigger]}`;
  const conditions = rule.conditions.map((condition) => describeCondition(condition, names));
  const actions = rule.actions.map((action) => describeAction(action, names));
  const condition = conditions.length ? `, and ${conditions.join(" and ")}` : "";
  return `${when}${condition}: ${actions.join(", then ") || "nothing"}.`;
}
