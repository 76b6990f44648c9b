"use client";

import Link from "next/link";
import { SelectField, TextField } from "@/components/ui/field";
import { CONDITION_LABELS, type ConditionDraft } from "@/lib/rules/draft";
import { CountryPicker } from "./country-picker";
import type { RuleFormOptions } from "./options";
import { StepList } from "./step-list";

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="text-sm text-red-600">
      {error}
    </p>
  ) : null;
}

function ConditionValue({ condition, index, update, errors, options }: {
  condition: ConditionDraft;
  index: number;
  update: (change: Partial<ConditionDraft>) => void;
  errors: Record<string, string>;
  options: RuleFormOptions;
}) {
  const n = index + 1;
  const error = (field: string) => errors[`conditions.${index}.${field}`];
  switch (condition.type) {
    case "business_hours":
      return (
        <div className="space-y-1">
          <SelectField label={`Business hours for condition ${n}`} name={`when-${condition.key}`} value={condition.when} onChange={(event) => update({ when: event.target.value as "inside" | "outside" })}>
            <option value="outside">Outside business hours</option>
            <option value="inside">During business hours</option>
          </SelectField>
          {options.businessHoursSet ? null : (
            <p className="text-sm text-amber-800">
              Business hours are not set yet, so this condition never holds. <Link href="/settings/business-hours" className="font-medium underline">Set business hours</Link>.
            </p>
          )}
        </div>
      );
    case "text_contains_any":
    case "text_contains_none":
      return (
        <TextField
          label={`Words for condition ${n}`}
          name={`words-${condition.key}`}
          value={condition.words}
          onChange={(event) => update({ words: event.target.value })}
          placeholder="refund, return, exchange"
          hint="Separate with commas. Capitals do not matter and only whole words count; end a word with * to match its start (refund* finds refunds)."
          error={error("words")}
        />
      );
    case "integration":
      return (
        <fieldset className="space-y-1" aria-describedby={error("integrationIds") ? `integrations-${condition.key}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-700">SMS integrations for condition {n}</legend>
          {options.integrations.length === 0 ? <p className="text-sm text-slate-600">No SMS integrations yet. Add one in Settings → Integrations → SMS.</p> : null}
          {options.integrations.map((integration) => (
            <label key={integration.id} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="size-4 rounded border-slate-300"
                checked={condition.integrationIds.includes(integration.id)}
                onChange={(event) =>
                  update({ integrationIds: event.target.checked ? [...condition.integrationIds, integration.id] : condition.integrationIds.filter((id) => id !== integration.id) })
                }
              />
              {integration.name}
              {integration.status === "deactivated" ? <span className="text-xs text-slate-500">(deactivated)</span> : null}
            </label>
          ))}
          <FieldError id={`integrations-${condition.key}-error`} error={error("integrationIds")} />
        </fieldset>
      );
    case "customer_country":
      return <CountryPicker label={`Countries for condition ${n}`} id={`countries-${condition.key}`} selected={condition.countries} countries={options.countries} onChange={(countries) => update({ countries })} error={error("countries")} />;
    case "assignment":
      return (
        <SelectField label={`Assignment for condition ${n}`} name={`state-${condition.key}`} value={condition.state} onChange={(event) => update({ state: event.target.value as "assigned" | "unassigned" })}>
          <option value="unassigned">Unassigned</option>
          <option value="assigned">Assigned to someone</option>
        </SelectField>
      );
    case "first_message":
      return <p className="text-sm text-slate-600">Holds for the message that starts a ticket, not for replies on it.</p>;
  }
}

export function ConditionRows({ conditions, onChange, onAdd, errors, options }: {
  conditions: ConditionDraft[];
  onChange: (conditions: ConditionDraft[]) => void;
  onAdd: () => void;
  errors: Record<string, string>;
  options: RuleFormOptions;
}) {
  return (
    <StepList
      noun="condition"
      legend="Conditions"
      intro={conditions.length === 0 ? "No conditions: the rule runs on every message its trigger covers. Add one to narrow it down." : "All of these must hold."}
      items={conditions}
      labels={CONDITION_LABELS}
      onChange={onChange}
      onAdd={onAdd}
      renderValue={(condition, index, update) => <ConditionValue condition={condition} index={index} update={update} errors={errors} options={options} />}
    />
  );
}
