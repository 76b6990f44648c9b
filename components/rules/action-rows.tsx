"use client";

import { useRef } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { inputClass, SelectField, TextField } from "@/components/ui/field";
import { ACTION_LABELS, type ActionDraft, type ConditionDraft } from "@/lib/rules/draft";
import type { ActionType } from "@/lib/rules/validation";
import type { RuleFormOptions } from "./options";
import { ReplyField } from "./reply-field";

const ACTION_TYPES = Object.keys(ACTION_LABELS) as ActionType[];

function ActionValue({ action, index, update, errors, options, conditions }: {
  action: ActionDraft;
  index: number;
  update: (change: Partial<ActionDraft>) => void;
  errors: Record<string, string>;
  options: RuleFormOptions;
  conditions: ConditionDraft[];
}) {
  const n = index + 1;
  const error = (field: string) => errors[`actions.${index}.${field}`];
  switch (action.type) {
    case "auto_reply": {
      const chosenIds = conditions.flatMap((condition) => (condition.type === "integration" ? condition.integrationIds : []));
      const chosen = options.integrations.filter((integration) => chosenIds.includes(integration.id));
      return <ReplyField value={action.text} onChange={(text) => update({ text })} chosen={chosen} all={options.integrations} error={error("text") ?? error("type")} />;
    }
    case "assign":
      return (
        <SelectField label={`Agent for action ${n}`} name={`user-${action.key}`} value={action.userId} onChange={(event) => update({ userId: event.target.value })} error={error("userId")}>
          <option value="">Choose an agent…</option>
          {options.users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </SelectField>
      );
    case "add_tag":
      return <TextField label={`Tag for action ${n}`} name={`tag-${action.key}`} value={action.tag} onChange={(event) => update({ tag: event.target.value })} maxLength={40} error={error("tag")} />;
    case "close_ticket":
      return <p className="text-sm text-slate-600">The ticket closes; the customer&apos;s next message reopens it or starts a new one.</p>;
    case "stop_rules":
      return <p className="text-sm text-slate-600">Rules below this one do not run for this message.</p>;
  }
}

export function ActionRows({ actions, onChange, onAdd, errors, options, conditions }: {
  actions: ActionDraft[];
  onChange: (actions: ActionDraft[]) => void;
  onAdd: () => void;
  errors: Record<string, string>;
  options: RuleFormOptions;
  conditions: ConditionDraft[];
}) {
  const addButton = useRef<HTMLButtonElement>(null);
  const update = (index: number, change: Partial<ActionDraft>) => onChange(actions.map((a, i) => (i === index ? { ...a, ...change } : a)));
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">Actions</legend>
      <p className="text-sm text-slate-600">Done in this order when the conditions hold.</p>
      {errors.actions ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.actions}
        </p>
      ) : null}
      <ol className="space-y-4">
        {actions.map((action, index) => (
          <li key={action.key} className="grid gap-3 rounded-md bg-slate-50 p-4 sm:grid-cols-[16rem_1fr_auto] sm:items-start">
            <div className="space-y-1">
              <label htmlFor={`action-${action.key}`} className="block text-sm font-medium text-slate-700">
                Action {index + 1}
              </label>
              <select
                id={`action-${action.key}`}
                className={inputClass}
                value={action.type}
                autoFocus={action.key.includes("new")}
                onChange={(event) => update(index, { type: event.target.value as ActionType })}
              >
                {ACTION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {ACTION_LABELS[type]}
                  </option>
                ))}
              </select>
            </div>
            <ActionValue action={action} index={index} update={(change) => update(index, change)} errors={errors} options={options} conditions={conditions} />
            <Button
              variant="ghost"
              className="sm:mt-6"
              aria-label={`Remove action ${index + 1}`}
              onClick={() => {
                onChange(actions.filter((_, i) => i !== index));
                addButton.current?.focus();
              }}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <button ref={addButton} type="button" className={buttonClass("secondary")} onClick={onAdd}>
        Add action
      </button>
    </fieldset>
  );
}
