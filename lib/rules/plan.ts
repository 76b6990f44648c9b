import { autoReplyBlock, replyAcceptable, type AutoReplyFacts } from "./guards";
import { describeAction, userName } from "./describe";
import { applyToSubject, matchConditions, triggerApplies, type MatchEnvironment, type RuleDefinition, type RuleSubject } from "./match";
import { renderForCustomer, type TemplateValues } from "./template";
import type { RuleAction } from "./validation";

export type RulePlanStatus = "disabled" | "not_triggered" | "not_reached" | "no_match" | "matched";

export interface PlannedAction {
  action: RuleAction;
  description: string;
  /** The auto-reply as the customer would get it. */
  text?: string;
  /** Why this action would not happen. */
  blocked?: string;
}

export interface RulePlan {
  ruleId: string;
  ruleName: string;
  status: RulePlanStatus;
  /** Why the rule would not run or not match, in words. */
  reason?: string;
  actions: PlannedAction[];
}

export interface PlanInput {
  rules: readonly RuleDefinition[];
  subject: RuleSubject;
  environment: MatchEnvironment;
  /** Facts about sending an auto-reply here, except the 24-hour check, which needs history. */
  replyFacts: Omit<AutoReplyFacts, "repliedRecently">;
  values: TemplateValues;
  maxLength: number;
}

function planAction(action: RuleAction, input: PlanInput): PlannedAction {
  const description = describeAction(action, input.environment.names);
  if (action.type === "auto_reply") {
    const blocked = autoReplyBlock({ ...input.replyFacts, repliedRecently: false });
    const text = renderForCustomer(action.text, input.values, (candidate) => replyAcceptable(candidate, input.maxLength));
    return blocked ? { action, description, text, blocked: `No auto-reply: ${blocked}` } : { action, description, text };
  }
  if (action.type === "assign" && !input.environment.names.users[action.userId]) {
    return { action, description, blocked: `Not assigned: ${userName(input.environment.names, action.userId)} cannot take tickets` };
  }
  return { action, description };
}

/**
 * What the rules would do with one message, in order, without doing it: the Test panel's
 * answer. Later rules see the ticket as earlier ones left it, as when rules really run.
 */
export function planRules(input: PlanInput): RulePlan[] {
  let subject: RuleSubject = input.subject;
  let stoppedBy: string | null = null;
  return input.rules.map((rule): RulePlan => {
    const base = { ruleId: rule.id, ruleName: rule.name, actions: [] as PlannedAction[] };
    if (!rule.enabled) return { ...base, status: "disabled", reason: "The rule is disabled." };
    if (stoppedBy !== null) return { ...base, status: "not_reached", reason: `Rule “${stoppedBy}” stopped further rules.` };
    if (!triggerApplies(rule.trigger, subject)) return { ...base, status: "not_triggered", reason: "It runs only when a new ticket is created." };
    const match = matchConditions(rule.conditions, subject, input.environment);
    if (!match.ok) return { ...base, status: "no_match", reason: `It would do nothing: ${match.reason}.` };
    const actions = rule.actions.map((action) => planAction(action, { ...input, subject }));
    for (const action of actions) {
      if (!action.blocked) subject = applyToSubject(subject, action.action);
      if (action.action.type === "stop_rules") stoppedBy = rule.name;
    }
    return { ...base, status: "matched", actions };
  });
}
