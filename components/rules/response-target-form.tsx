"use client";

import { saveResponseTargetAction } from "@/lib/rules/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/page";

function savedMessage(minutes: number | null): string {
  if (minutes === null) return "No first-response target: no ticket is marked past it.";
  return `Target saved: a first answer within ${minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`}.`;
}

/** The first-response target: how soon a customer should have an answer, counted in business hours when they are set. */
export function ResponseTargetForm({ minutes, businessHoursSet }: { minutes: number | null; businessHoursSet: boolean }) {
  const { state, pending, onSubmit } = useActionForm(saveResponseTargetAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const inHours = minutes !== null && minutes % 60 === 0;
  return (
    <Card className="mt-6 p-6">
      <h2 className="text-base font-semibold text-slate-900">First-response target</h2>
      <p className="mt-1 text-sm text-slate-600">
        How soon a customer should get an answer. The inbox shows how long each customer has waited since their oldest unanswered message
        {businessHoursSet ? ", counting business hours only," : ""} marks the tickets past the target and lists them under Past target.
      </p>
      <form onSubmit={onSubmit} className="mt-4 space-y-4" noValidate>
        <div className="flex flex-wrap items-start gap-3">
          <div className="w-40">
            <TextField
              label="Target"
              name="amount"
              inputMode="decimal"
              defaultValue={minutes === null ? "" : String(inHours ? minutes / 60 : minutes)}
              hint="Empty: no target."
              error={errors?.amount}
            />
          </div>
          <div className="w-36">
            <SelectField label="Unit" name="unit" defaultValue={inHours ? "hours" : "minutes"} error={errors?.unit}>
              <option value="minutes">minutes</option>
              <option value="hours">hours</option>
            </SelectField>
          </div>
        </div>
        <FormMessage message={state ? (state.ok ? savedMessage(state.minutes) : state.message) : null} tone={state?.ok ? "success" : "error"} />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save target"}
        </Button>
      </form>
    </Card>
  );
}
