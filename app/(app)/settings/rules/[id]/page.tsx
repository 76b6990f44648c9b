import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RuleForm } from "@/components/rules/rule-form";
import { PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { getRule } from "@/db/queries/rules";
import { requireAdmin } from "@/lib/auth/session";
import { ruleToDraft } from "@/lib/rules/draft";
import { loadRuleFormOptions } from "@/lib/rules/form-options";
import { storedRuleSchema } from "@/lib/rules/validation";

export const metadata: Metadata = { title: "Edit rule" };

export default async function EditRulePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const rule = await getRule({ db, id });
  if (!rule) notFound();
  const { businessHours: _hours, ...options } = await loadRuleFormOptions({ db });
  const stored = storedRuleSchema.safeParse({ conditions: rule.conditions, actions: rule.actions });
  const initial = ruleToDraft({ ...rule, ...(stored.success ? stored.data : { conditions: [], actions: [] }) });
  return (
    <>
      <PageHeader
        title={`Edit “${rule.name}”`}
        description={stored.success ? "Changes apply to messages that arrive after you save." : "This rule's conditions and actions could not be read. Set them again and save."}
      />
      <RuleForm ruleId={rule.id} initial={initial} options={options} />
    </>
  );
}
