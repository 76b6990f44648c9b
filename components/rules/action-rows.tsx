"use client";

import { SelectField, TextField } from "@/components/ui/field";
import { ACTION_LABELS, type ActionDraft, type ConditionDraft } from "@/lib/rules/draft";
import type { RuleFormOptions } from "./options";
import { ReplyField } from "./reply-field";
import { StepList } from "./step-list";

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
  return (
    <StepList
      noun="action"
      legend="Actions"
      intro="Done in this order when the conditions hold."
      error={errors.actions}
      items={actions}
      labels={ACTION_LABELS}
      onChange={onChange}
      onAdd={onAdd}
      renderValue={(action, index, update) => <ActionValue action={action} index={index} update={update} errors={errors} options={options} conditions={conditions} />}
    />
  );
}
