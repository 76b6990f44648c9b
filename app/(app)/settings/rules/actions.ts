"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { withAdminAction } from "@/db/queries/audit";
import { getRule } from "@/db/queries/rules";
import { requireAdmin } from "@/lib/auth/session";
import { failure, type ActionResult } from "@/lib/errors";
import { createRule, duplicateRule, editRule, moveRule, removeRule, setRuleEnabled } from "@/lib/rules/manage";
import type { RulePlan } from "@/lib/rules/plan";
import { testRules } from "@/lib/rules/test-run";

const ruleId = z.uuid();

function ruleTarget(rule: { id: string; name: string } | null, id?: string) {
  return { ruleId: rule?.id ?? id, name: rule?.name };
}

function refresh() {
  revalidatePath("/settings/rules");
}

export async function saveRuleAction(input: { id?: string | null; rule: unknown }): Promise<ActionResult<{ id: string }>> {
  const admin = await requireAdmin();
  try {
    const db = await getDb();
    const id = input.id ? ruleId.safeParse(input.id) : null;
    if (id && !id.success) return { ok: false, message: "This rule no longer exists." };
    const saved = await withAdminAction({
      db,
      change: (tx) => (id ? editRule({ db: tx, id: id.data, input: input.rule }) : createRule({ db: tx, input: input.rule })),
      entry: (rule) => ({ actorId: admin.id, action: id ? "rule.updated" : "rule.created", target: ruleTarget(rule) }),
    });
    refresh();
    return { ok: true, id: saved.id };
  } catch (error) {
    return failure(error);
  }
}

const toggle = z.object({ id: ruleId, enabled: z.boolean() });

export async function setRuleEnabledAction(input: { id: string; enabled: boolean }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = toggle.safeParse(input);
  if (!parsed.success) return { ok: false, message: "This rule no longer exists." };
  try {
    await withAdminAction({
      db: await getDb(),
      change: (tx) => setRuleEnabled({ db: tx, ...parsed.data }),
      entry: (rule) => ({ actorId: admin.id, action: parsed.data.enabled ? "rule.enabled" : "rule.disabled", target: ruleTarget(rule) }),
    });
  } catch (error) {
    return failure(error);
  }
  refresh();
  return { ok: true };
}

const move = z.object({ id: ruleId, direction: z.enum(["up", "down"]) });

export async function moveRuleAction(input: { id: string; direction: "up" | "down" }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = move.safeParse(input);
  if (!parsed.success) return { ok: false, message: "This rule no longer exists." };
  try {
    await withAdminAction({
      db: await getDb(),
      change: async (tx) => {
        await moveRule({ db: tx, ...parsed.data });
        return getRule({ db: tx, id: parsed.data.id });
      },
      entry: (rule) => ({ actorId: admin.id, action: "rule.moved", target: ruleTarget(rule), details: { direction: parsed.data.direction } }),
    });
  } catch (error) {
    return failure(error);
  }
  refresh();
  return { ok: true };
}

export async function duplicateRuleAction(input: { id: string }): Promise<ActionResult<{ id: string }>> {
  const admin = await requireAdmin();
  const parsed = ruleId.safeParse(input.id);
  if (!parsed.success) return { ok: false, message: "This rule no longer exists." };
  try {
    const copy = await withAdminAction({
      db: await getDb(),
      change: (tx) => duplicateRule({ db: tx, id: parsed.data }),
      entry: (rule) => ({ actorId: admin.id, action: "rule.duplicated", target: ruleTarget(rule) }),
    });
    refresh();
    return { ok: true, id: copy.id };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteRuleAction(input: { id: string }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = ruleId.safeParse(input.id);
  if (!parsed.success) return { ok: false, message: "This rule no longer exists." };
  try {
    await withAdminAction({
      db: await getDb(),
      change: async (tx) => {
        const rule = await getRule({ db: tx, id: parsed.data });
        await removeRule({ db: tx, id: parsed.data });
        return rule;
      },
      entry: (rule) => ({ actorId: admin.id, action: "rule.deleted", target: ruleTarget(rule, parsed.data) }),
    });
  } catch (error) {
    return failure(error);
  }
  refresh();
  return { ok: true };
}

/** The Test panel: what the rules would do with a sample message. Sends and changes nothing. */
export async function testRulesAction(input: unknown): Promise<ActionResult<{ plans: RulePlan[]; localTimeLabel: string }>> {
  await requireAdmin();
  try {
    return { ok: true, ...(await testRules({ db: await getDb(), input })) };
  } catch (error) {
    return failure(error);
  }
}
