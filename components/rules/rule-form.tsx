"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { saveRuleAction } from "@/lib/rules/actions";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/page";
import { draftToInput, emptyAction, emptyCondition, type ActionDraft, type ConditionDraft, type RuleDraft } from "@/lib/rules/draft";
import { TRIGGER_LABELS } from "@/lib/rules/describe";
import { RULE_TRIGGERS, type RuleTrigger } from "@/lib/rules/validation";
import { ActionRows } from "./action-rows";
import { ConditionRows } from "./condition-rows";
import type { RuleFormOptions } from "./options";

export function RuleForm({ ruleId, initial, options }: { ruleId: string | null; initial: RuleDraft; options: RuleFormOptions }) {
  const router = useRouter();
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const nextKey = useRef(0);
  const newKey = (prefix: string) => `${prefix}new${nextKey.current++}`;

  const setConditions = (conditions: ConditionDraft[]) => setDraft((current) => ({ ...current, conditions }));
  const setActions = (actions: ActionDraft[]) => setDraft((current) => ({ ...current, actions }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const result = await saveRuleAction({ id: ruleId, rule: draftToInput(draft) });
      if (result.ok) {
        router.push("/settings/rules");
        return;
      }
      setErrors(result.fieldErrors ?? {});
      setMessage(result.message);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <Card className="space-y-4 p-6">
        <TextField
          label="Rule name"
          name="name"
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          error={errors.name}
          hint="Shown on tickets and on the auto-replies this rule sends."
          maxLength={80}
        />
        <SelectField
          label="When"
          name="trigger"
          value={draft.trigger}
          onChange={(event) => setDraft({ ...draft, trigger: event.target.value as RuleTrigger })}
          error={errors.trigger}
        >
          {RULE_TRIGGERS.map((trigger) => (
            <option key={trigger} value={trigger}>
              {TRIGGER_LABELS[trigger]}
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} className="size-4 rounded border-slate-300" />
          Enabled
        </label>
      </Card>

      <Card className="p-6">
        <ConditionRows
          conditions={draft.conditions}
          onChange={setConditions}
          onAdd={() => setConditions([...draft.conditions, emptyCondition(newKey("c"))])}
          errors={errors}
          options={options}
        />
      </Card>

      <Card className="p-6">
        <ActionRows
          actions={draft.actions}
          onChange={setActions}
          onAdd={() => setActions([...draft.actions, emptyAction(newKey("a"), draft.actions.some((a) => a.type === "auto_reply") ? "add_tag" : "auto_reply")])}
          errors={errors}
          options={options}
          conditions={draft.conditions}
        />
      </Card>

      <FormMessage message={message} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : ruleId ? "Save rule" : "Create rule"}
        </Button>
        <Link href="/settings/rules" className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
