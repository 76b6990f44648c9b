"use client";

import { useState, useTransition, type FormEvent } from "react";
import { testRulesAction } from "@/lib/rules/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, inputClass, SelectField, TextField } from "@/components/ui/field";
import type { RulePlan, RulePlanStatus } from "@/lib/rules/plan";

const STATUS_LABELS: Record<RulePlanStatus, { text: string; className: string }> = {
  matched: { text: "Would match", className: "bg-green-100 text-green-800" },
  no_match: { text: "Would not match", className: "bg-slate-100 text-slate-700" },
  not_triggered: { text: "Would not run", className: "bg-slate-100 text-slate-700" },
  not_reached: { text: "Would not run", className: "bg-slate-100 text-slate-700" },
  disabled: { text: "Disabled", className: "bg-slate-100 text-slate-500" },
};

function PlanResult({ plan }: { plan: RulePlan }) {
  const status = STATUS_LABELS[plan.status];
  return (
    <li aria-label={plan.ruleName} className="rounded-md bg-slate-50 p-3">
      <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
        {plan.ruleName}
        <span className={`rounded px-2 py-0.5 text-xs ${status.className}`}>{status.text}</span>
      </p>
      {plan.reason ? <p className="mt-1 text-sm text-slate-600">{plan.reason}</p> : null}
      {plan.actions.length > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {plan.actions.map((action, index) => (
            <li key={index}>
              {action.action.type === "auto_reply" ? <>Would send: “{action.text}”</> : <>Would {action.description}</>}
              {action.blocked ? <span className="block text-amber-800">{action.blocked}.</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Runs the rules against a sample message and time, showing what they would do; sends nothing. */
export function RuleTestPanel({ integrations, countries, timeZone, defaultLocalTime }: {
  integrations: { id: string; name: string }[];
  countries: { code: string; name: string }[];
  timeZone: string;
  defaultLocalTime: string;
}) {
  const [result, setResult] = useState<{ plans: RulePlan[]; localTimeLabel: string } | null>(null);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      body: String(form.get("body") ?? ""),
      localTime: String(form.get("localTime") ?? ""),
      integrationId: String(form.get("integrationId") ?? ""),
      country: String(form.get("country") ?? ""),
      customerName: String(form.get("customerName") ?? ""),
      ticketCreated: form.get("ticketCreated") === "on",
      assigned: form.get("assigned") === "on",
    };
    startTransition(async () => {
      const answer = await testRulesAction(input);
      if (answer.ok) {
        setError(null);
        setResult({ plans: answer.plans, localTimeLabel: answer.localTimeLabel });
      } else {
        setResult(null);
        setError({ message: answer.message, fields: answer.fieldErrors ?? {} });
      }
    });
  }

  const matched = result?.plans.filter((plan) => plan.status === "matched") ?? [];
  return (
    <div className="mt-4 grid gap-6 lg:grid-cols-2">
      <form onSubmit={onSubmit} className="space-y-4" aria-label="Test rules" noValidate>
        <div className="space-y-1">
          <label htmlFor="test-body" className="block text-sm font-medium text-slate-700">
            Sample message
          </label>
          <textarea id="test-body" name="body" rows={2} className={inputClass} placeholder="Hi, where is my order?" />
        </div>
        <TextField label={`Date and time (${timeZone})`} name="localTime" type="datetime-local" defaultValue={defaultLocalTime} error={error?.fields.localTime} />
        <SelectField label="SMS integration" name="integrationId" defaultValue={integrations[0]?.id} error={error?.fields.integrationId}>
          {integrations.map((integration) => (
            <option key={integration.id} value={integration.id}>
              {integration.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Customer's country" name="country" defaultValue="US" error={error?.fields.country}>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Customer's name (optional)" name="customerName" id="test-customer-name" />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="ticketCreated" defaultChecked className="size-4 rounded border-slate-300" />
          It starts a new ticket
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="assigned" className="size-4 rounded border-slate-300" />
          The ticket is already assigned
        </label>
        <FormMessage message={error?.message} />
        <Button type="submit" disabled={pending}>
          {pending ? "Testing…" : "Test rules"}
        </Button>
      </form>
      <section aria-label="Test results" aria-live="polite">
        {result ? (
          <>
            <p className="text-sm font-medium text-slate-900">
              {result.plans.length === 0
                ? "There are no rules to test yet."
                : matched.length === 0
                  ? `No rule would match a message on ${result.localTimeLabel}.`
                  : `${matched.length === 1 ? "1 rule" : `${matched.length} rules`} would match a message on ${result.localTimeLabel}.`}
            </p>
            <ol className="mt-3 space-y-2">
              {result.plans.map((plan) => (
                <PlanResult key={plan.ruleId} plan={plan} />
              ))}
            </ol>
          </>
        ) : (
          <p className="text-sm text-slate-500">Results appear here.</p>
        )}
      </section>
    </div>
  );
}
