import type { Database } from "@/db/client";
import {
  deleteRule,
  insertRule,
  insertRuleAfter,
  listAssignableUsers,
  listRuleIntegrations,
  lockRule,
  lockRulesInOrder,
  updateRule,
  writeRuleOrder,
  type RuleIntegration,
} from "@/db/queries/rules";
import type { Rule } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { checkAutoReplyText } from "./reply-check";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { ruleInputSchema, type RuleInput } from "./validation";

const NOT_FOUND = "This rule no longer exists. Someone may have deleted it.";

/** The integrations a rule is limited to (its "SMS integration is …" conditions), or none for any. */
export function chosenIntegrations(rule: Pick<RuleInput, "conditions">, integrations: readonly RuleIntegration[]): RuleIntegration[] {
  const ids = rule.conditions.flatMap((condition) => (condition.type === "integration" ? condition.integrationIds : []));
  return integrations.filter((integration) => ids.includes(integration.id));
}

/** Checks what a rule points at and what it would send; throws an AppError with field errors. */
async function checkRule(db: Database, rule: RuleInput): Promise<void> {
  const errors: Record<string, string> = {};
  const integrations = await listRuleIntegrations({ db });
  const users = await listAssignableUsers({ db });
  rule.conditions.forEach((condition, index) => {
    if (condition.type === "integration" && condition.integrationIds.some((id) => !integrations.some((integration) => integration.id === id))) {
      errors[`conditions.${index}.integrationIds`] = "That SMS integration no longer exists. Choose another.";
    }
  });
  const chosen = chosenIntegrations(rule, integrations);
  rule.actions.forEach((action, index) => {
    if (action.type === "assign" && !users.some((user) => user.id === action.userId)) {
      errors[`actions.${index}.userId`] = "That user is deactivated or no longer exists. Choose another agent.";
    }
    if (action.type === "auto_reply") {
      const check = checkAutoReplyText(action.text, { chosen, all: integrations });
      if (!check.ok) errors[`actions.${index}.text`] = check.message;
    }
  });
  if (Object.keys(errors).length > 0) throw new AppError("bad_request", "Check the highlighted fields.", errors);
}

export function parseRuleInput(input: unknown): RuleInput {
  const parsed = ruleInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

export async function createRule({ db, input }: { db: Database; input: unknown }): Promise<Rule> {
  const rule = parseRuleInput(input);
  await checkRule(db, rule);
  return db.transaction((tx) => insertRule({ db: tx, values: rule }));
}

export async function editRule({ db, id, input }: { db: Database; id: string; input: unknown }): Promise<Rule> {
  const rule = parseRuleInput(input);
  await checkRule(db, rule);
  const updated = await updateRule({ db, id, values: rule });
  if (!updated) throw new AppError("not_found", NOT_FOUND);
  return updated;
}

export async function setRuleEnabled({ db, id, enabled }: { db: Database; id: string; enabled: boolean }): Promise<Rule> {
  const updated = await updateRule({ db, id, values: { enabled } });
  if (!updated) throw new AppError("not_found", NOT_FOUND);
  return updated;
}

/** A copy placed right below the original, disabled so that it does not double an auto-reply before it is edited. */
export async function duplicateRule({ db, id }: { db: Database; id: string }): Promise<Rule> {
  return db.transaction(async (tx) => {
    const original = await lockRule({ db: tx, id });
    if (!original) throw new AppError("not_found", NOT_FOUND);
    return insertRuleAfter({
      db: tx,
      after: original,
      values: {
        name: `Copy of ${original.name}`.slice(0, 80),
        trigger: original.trigger,
        enabled: false,
        conditions: original.conditions,
        actions: original.actions,
      },
    });
  });
}

/** Moves a rule one place up or down the run order; at the top or bottom nothing changes. */
export async function moveRule({ db, id, direction }: { db: Database; id: string; direction: "up" | "down" }): Promise<void> {
  await db.transaction(async (tx) => {
    const ordered = await lockRulesInOrder({ db: tx });
    const index = ordered.findIndex((rule) => rule.id === id);
    if (index < 0) throw new AppError("not_found", NOT_FOUND);
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= ordered.length) return;
    const ids = ordered.map((rule) => rule.id);
    [ids[index], ids[target]] = [ids[target] as string, ids[index] as string];
    await writeRuleOrder({ db: tx, ids });
  });
}

export async function removeRule({ db, id }: { db: Database; id: string }): Promise<void> {
  if (!(await deleteRule({ db, id }))) throw new AppError("not_found", NOT_FOUND);
}
