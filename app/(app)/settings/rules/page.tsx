import type { Metadata } from "next";
import Link from "next/link";
import { RuleList, type RuleRow } from "@/components/rules/rule-list";
import { RuleTestPanel } from "@/components/rules/rule-test-panel";
import { buttonClass } from "@/components/ui/button-class";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { listRules } from "@/db/queries/rules";
import type { Rule } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/session";
import { localInputValue } from "@/lib/rules/business-hours";
import { describeRule, type RuleNames } from "@/lib/rules/describe";
import { loadRuleFormOptions } from "@/lib/rules/form-options";
import { storedRuleSchema } from "@/lib/rules/validation";

export const metadata: Metadata = { title: "Rules" };

function ruleRows(rules: Rule[], names: RuleNames): { rows: RuleRow[]; usesBusinessHours: boolean } {
  const parsed = rules.map((rule) => ({ rule, stored: storedRuleSchema.safeParse({ conditions: rule.conditions, actions: rule.actions }) }));
  return {
    usesBusinessHours: parsed.some(({ stored }) => stored.success && stored.data.conditions.some((condition) => condition.type === "business_hours")),
    rows: parsed.map(({ rule, stored }) => ({
      id: rule.id,
      name: rule.name,
      enabled: rule.enabled,
      summary: stored.success ? describeRule({ trigger: rule.trigger, ...stored.data }, names) : "This rule could not be read. Edit it and save it again.",
    })),
  };
}

export default async function RulesPage() {
  await requireAdmin();
  const db = await getDb();
  const [rules, options] = await Promise.all([listRules({ db }), loadRuleFormOptions({ db })]);
  const names = {
    integrations: Object.fromEntries(options.integrations.map((i) => [i.id, i.name])),
    users: Object.fromEntries(options.users.map((u) => [u.id, u.name])),
  };
  const { rows, usesBusinessHours } = ruleRows(rules, names);
  const timeZone = options.businessHours?.timeZone ?? "UTC";

  return (
    <>
      <PageHeader
        title="Rules"
        description="Each time a customer texts, rules run from top to bottom. A rule whose conditions all hold does its actions, such as an automatic reply."
        actions={
          <Link href="/settings/rules/new" className={buttonClass()}>
            New rule
          </Link>
        }
      />
      {usesBusinessHours && !options.businessHoursSet ? (
        <p role="status" className="mb-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          Some rules depend on business hours, which are not set yet, so those conditions never hold.{" "}
          <Link href="/settings/business-hours" className="font-medium underline">
            Set business hours
          </Link>
          .
        </p>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState
          title="No rules yet"
          action={
            <div className="flex flex-wrap justify-center gap-3">
              <Link href="/settings/rules/new?start=after-hours" className={buttonClass()}>
                Create an after-hours auto-reply
              </Link>
              <Link href="/settings/rules/new" className={buttonClass("secondary")}>
                Start from scratch
              </Link>
            </div>
          }
        >
          Rules send automatic replies and take actions when customers text: for example, a reply outside business hours, or a tag on messages that mention a refund.
        </EmptyState>
      ) : (
        <RuleList rules={rows} />
      )}
      <Card className="mt-8 p-6">
        <h2 className="text-base font-semibold text-slate-900">Test your rules</h2>
        <p className="mt-1 text-sm text-slate-600">Type a sample message and time to see which rules would match and what they would do. Nothing is sent.</p>
        {options.integrations.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">
            Add an SMS integration first (
            <Link href="/settings/integrations/sms" className="font-medium text-brand-700 underline">
              Settings → Integrations → SMS
            </Link>
            ); rules run on the messages it receives.
          </p>
        ) : (
          <RuleTestPanel
            integrations={options.integrations.map(({ id, name }) => ({ id, name }))}
            countries={options.countries}
            timeZone={timeZone}
            defaultLocalTime={localInputValue(new Date(), timeZone)}
          />
        )}
      </Card>
    </>
  );
}
