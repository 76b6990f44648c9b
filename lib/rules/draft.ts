import type { ActionType, ConditionType, RuleAction, RuleCondition, RuleTrigger } from "./validation";

/**
 * The rule form's state. Every row keeps every field, so switching a row's type and back
 * does not lose what was typed; words stay as typed ("refund, return") until saved.
 */
export interface ConditionDraft {
  key: string;
  type: ConditionType;
  integrationIds: string[];
  words: string;
  when: "inside" | "outside";
  countries: string[];
  state: "assigned" | "unassigned";
}

export interface ActionDraft {
  key: string;
  type: ActionType;
  text: string;
  userId: string;
  tag: string;
}

export interface RuleDraft {
  name: string;
  trigger: RuleTrigger;
  enabled: boolean;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

export const CONDITION_LABELS: Record<ConditionType, string> = {
  business_hours: "Business hours",
  text_contains_any: "Message contains any of",
  text_contains_none: "Message contains none of",
  first_message: "First message of the ticket",
  integration: "SMS integration is",
  customer_country: "Customer's country is",
  assignment: "Ticket assignment",
};

export const ACTION_LABELS: Record<ActionType, string> = {
  auto_reply: "Send an SMS auto-reply",
  assign: "Assign to an agent",
  add_tag: "Add a tag",
  close_ticket: "Close the ticket",
  stop_rules: "Stop running further rules",
};

export function emptyCondition(key: string, type: ConditionType = "business_hours"): ConditionDraft {
  return { key, type, integrationIds: [], words: "", when: "outside", countries: [], state: "unassigned" };
}

export function emptyAction(key: string, type: ActionType = "auto_reply"): ActionDraft {
  return { key, type, text: "", userId: "", tag: "" };
}

/** "refund, return\nexchange" → ["refund", "return", "exchange"], without repeats. */
export function splitWords(text: string): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const raw of text.split(/[,\n;]/)) {
    const word = raw.trim();
    if (word && !seen.has(word.toLowerCase())) {
      seen.add(word.toLowerCase());
      words.push(word);
    }
  }
  return words;
}

function conditionFromDraft(draft: ConditionDraft): RuleCondition {
  switch (draft.type) {
    case "integration":
      return { type: draft.type, integrationIds: draft.integrationIds };
    case "text_contains_any":
    case "text_contains_none":
      return { type: draft.type, words: splitWords(draft.words) };
    case "first_message":
      return { type: draft.type };
    case "business_hours":
      return { type: draft.type, when: draft.when };
    case "customer_country":
      return { type: draft.type, countries: draft.countries };
    case "assignment":
      return { type: draft.type, state: draft.state };
  }
}

function actionFromDraft(draft: ActionDraft): RuleAction {
  switch (draft.type) {
    case "auto_reply":
      return { type: draft.type, text: draft.text };
    case "assign":
      return { type: draft.type, userId: draft.userId };
    case "add_tag":
      return { type: draft.type, tag: draft.tag };
    case "close_ticket":
    case "stop_rules":
      return { type: draft.type };
  }
}

/** What the form sends to the server, where it is validated again. */
export function draftToInput(draft: RuleDraft) {
  return {
    name: draft.name,
    trigger: draft.trigger,
    enabled: draft.enabled,
    conditions: draft.conditions.map(conditionFromDraft),
    actions: draft.actions.map(actionFromDraft),
  };
}

export function conditionToDraft(condition: RuleCondition, key: string): ConditionDraft {
  const draft = { ...emptyCondition(key), type: condition.type };
  switch (condition.type) {
    case "integration":
      return { ...draft, integrationIds: condition.integrationIds };
    case "text_contains_any":
    case "text_contains_none":
      return { ...draft, words: condition.words.join(", ") };
    case "business_hours":
      return { ...draft, when: condition.when };
    case "customer_country":
      return { ...draft, countries: condition.countries };
    case "assignment":
      return { ...draft, state: condition.state };
    case "first_message":
      return draft;
  }
}

export function actionToDraft(action: RuleAction, key: string): ActionDraft {
  const draft = { ...emptyAction(key), type: action.type };
  switch (action.type) {
    case "auto_reply":
      return { ...draft, text: action.text };
    case "assign":
      return { ...draft, userId: action.userId };
    case "add_tag":
      return { ...draft, tag: action.tag };
    default:
      return draft;
  }
}

export function ruleToDraft(rule: { name: string; trigger: RuleTrigger; enabled: boolean; conditions: readonly RuleCondition[]; actions: readonly RuleAction[] }): RuleDraft {
  return {
    name: rule.name,
    trigger: rule.trigger,
    enabled: rule.enabled,
    conditions: rule.conditions.map((condition, index) => conditionToDraft(condition, `c${index}`)),
    actions: rule.actions.map((action, index) => actionToDraft(action, `a${index}`)),
  };
}

/** Where a new rule starts: empty, or the most common one, an after-hours auto-reply. */
export const STARTER_DRAFTS = {
  blank: { name: "", trigger: "message_received", enabled: true, conditions: [], actions: [emptyAction("a0")] },
  "after-hours": {
    name: "Outside business hours",
    trigger: "message_received",
    enabled: true,
    conditions: [emptyCondition("c0", "business_hours")],
    actions: [{ ...emptyAction("a0"), text: "Thanks for your message! We are closed now and will answer when we open." }],
  },
} satisfies Record<string, RuleDraft>;
