"use client";

import Link from "next/link";
import { useRef } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { inputClass, SelectField, TextField } from "@/components/ui/field";
import { CONDITION_LABELS, type ConditionDraft } from "@/lib/rules/draft";
import type { ConditionType } from "@/lib/rules/validation";
import { CountryPicker } from "./country-picker";
import type { RuleFormOptions } from "./options";

const CONDITION_TYPES = Object.keys(CONDITION_LABELS) as ConditionType[];

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
  const addButton = useRef<HTMLButtonElement>(null);
  const update = (index: number, change: Partial<ConditionDraft>) => onChange(conditions.map((c, i) => (i === index ? { ...c, ...change } : c)));
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">Conditions</legend>
      <p className="text-sm text-slate-600">
        {conditions.length === 0 ? "No conditions: the rule runs on every message its trigger covers. Add one to narrow it down." : "All of these must hold."}
      </p>
      <ol className="space-y-4">
        {conditions.map((condition, index) => (
          <li key={condition.key} className="grid gap-3 rounded-md bg-slate-50 p-4 sm:grid-cols-[16rem_1fr_auto] sm:items-start">
            <div className="space-y-1">
              <label htmlFor={`condition-${condition.key}`} className="block text-sm font-medium text-slate-700">
                Condition {index + 1}
              </label>
              <select
                id={`condition-${condition.key}`}
                className={inputClass}
                value={condition.type}
                autoFocus={condition.key.includes("new")}
                onChange={(event) => update(index, { type: event.target.value as ConditionType })}
              >
                {CONDITION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {CONDITION_LABELS[type]}
                  </option>
                ))}
              </select>
            </div>
            <ConditionValue condition={condition} index={index} update={(change) => update(index, change)} errors={errors} options={options} />
            <Button
              variant="ghost"
              className="sm:mt-6"
              aria-label={`Remove condition ${index + 1}`}
              onClick={() => {
                onChange(conditions.filter((_, i) => i !== index));
                addButton.current?.focus();
              }}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <button ref={addButton} type="button" className={buttonClass("secondary")} onClick={onAdd}>
        Add condition
      </button>
    </fieldset>
  );
}
