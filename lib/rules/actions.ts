"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getRule } from "@/db/queries/rules";
import { action, formAction } from "@/lib/http/action";
import { createRule, duplicateRule, editRule, moveRule, removeRule, setRuleEnabled } from "@/lib/rules/manage";
import { saveBusinessHours } from "@/lib/rules/store";
import { saveResponseTarget } from "@/lib/tickets/response-target";
import { responseTargetSchema } from "@/lib/tickets/validation";
import { testRules } from "@/lib/rules/test-run";
import { businessHoursSchema } from "@/lib/rules/validation";

const GONE = "This rule no longer exists.";
const ruleId = z.uuid();

function ruleTarget(rule: { id: string; name: string } | null, id?: string) {
  return { ruleId: rule?.id ?? id, name: rule?.name };
}

function refresh() {
  revalidatePath("/settings/rules");
}

/** Creates a rule, or edits the one named by `id`; the rule itself is checked by createRule/editRule. */
export const saveRuleAction = action(
  { role: "admin", schema: z.object({ id: ruleId.or(z.literal("")).nullish(), rule: z.unknown() }), invalid: GONE },
  async ({ audited, input: { id, rule: input } }) => {
    const saved = await audited(
      (tx) => (id ? editRule({ db: tx, id, input }) : createRule({ db: tx, input })),
      (rule) => ({ action: id ? "rule.updated" : "rule.created", target: ruleTarget(rule) }),
    );
    refresh();
    return { id: saved.id };
  },
);

export const setRuleEnabledAction = action({ role: "admin", schema: z.object({ id: ruleId, enabled: z.boolean() }), invalid: GONE }, async ({ audited, input }) => {
  await audited(
    (tx) => setRuleEnabled({ db: tx, ...input }),
    (rule) => ({ action: input.enabled ? "rule.enabled" : "rule.disabled", target: ruleTarget(rule) }),
  );
  refresh();
});

export const moveRuleAction = action({ role: "admin", schema: z.object({ id: ruleId, direction: z.enum(["up", "down"]) }), invalid: GONE }, async ({ audited, input }) => {
  await audited(
    async (tx) => {
      await moveRule({ db: tx, ...input });
      return getRule({ db: tx, id: input.id });
    },
    (rule) => ({ action: "rule.moved", target: ruleTarget(rule), details: { direction: input.direction } }),
  );
  refresh();
});

export const duplicateRuleAction = action({ role: "admin", schema: z.object({ id: ruleId }), invalid: GONE }, async ({ audited, input }) => {
  const copy = await audited(
    (tx) => duplicateRule({ db: tx, id: input.id }),
    (rule) => ({ action: "rule.duplicated", target: ruleTarget(rule) }),
  );
  refresh();
  return { id: copy.id };
});

export const deleteRuleAction = action({ role: "admin", schema: z.object({ id: ruleId }), invalid: GONE }, async ({ audited, input }) => {
  await audited(
    async (tx) => {
      const rule = await getRule({ db: tx, id: input.id });
      await removeRule({ db: tx, id: input.id });
      return rule;
    },
    (rule) => ({ action: "rule.deleted", target: ruleTarget(rule, input.id) }),
  );
  refresh();
});

/** The Test panel: what the rules would do with a sample message. Sends and changes nothing; testRules checks the sample. */
export const testRulesAction = action({ role: "admin", schema: z.unknown() }, async ({ db, input }) => testRules({ db, input }));

export const saveBusinessHoursAction = action({ role: "admin", schema: businessHoursSchema }, async ({ audited, input }) => {
  await audited(
    (tx) => saveBusinessHours({ db: tx, hours: input }),
    () => ({ action: "business_hours.updated", details: { timeZone: input.timeZone } }),
  );
  revalidatePath("/settings/business-hours");
  revalidatePath("/settings/rules");
});

/** Settings → Business hours: how soon a customer should have a first answer; empty removes the target. */
export const saveResponseTargetAction = formAction(
  { role: "admin", schema: responseTargetSchema, fields: (form) => ({ amount: form.get("amount") ?? "", unit: form.get("unit") }) },
  async ({ audited, input }) => {
    await audited(
      (tx) => saveResponseTarget({ db: tx, minutes: input.minutes }),
      () => ({ action: "response_target.updated", details: { minutes: input.minutes } }),
    );
    revalidatePath("/settings/business-hours");
    revalidatePath("/tickets");
    return { minutes: input.minutes };
  },
);
