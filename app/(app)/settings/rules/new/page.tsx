import type { Metadata } from "next";
import { RuleForm } from "@/components/rules/rule-form";
import { PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { STARTER_DRAFTS } from "@/lib/rules/draft";
import { loadRuleFormOptions } from "@/lib/rules/form-options";

export const metadata: Metadata = { title: "New rule" };

export default async function NewRulePage({ searchParams }: { searchParams: Promise<{ start?: string }> }) {
  await requireAdmin();
  const { start } = await searchParams;
  const { businessHours: _hours, ...options } = await loadRuleFormOptions({ db: await getDb() });
  const initial = start === "after-hours" ? STARTER_DRAFTS["after-hours"] : STARTER_DRAFTS.blank;
  return (
    <>
      <PageHeader title="New rule" description="A rule runs when a customer texts: if all its conditions hold, it does its actions in order." />
      <RuleForm ruleId={null} initial={initial} options={options} />
    </>
  );
}
