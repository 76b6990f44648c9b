"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { createIntegrationAction } from "@/lib/integrations/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { FormMessage, TextField } from "@/components/ui/field";
import type { NumberChoice } from "@/lib/integrations/number-choices";

/** `usReadiness` holds, per number id, what Twilio says of its US registration (streamed in by the page). */
export function NewIntegrationForm({ choices, usReadiness = {} }: { choices: NumberChoice[]; usReadiness?: Record<string, ReactNode> }) {
  const { state, pending, onSubmit } = useActionForm(createIntegrationAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const firstAvailable = choices.find((choice) => !choice.unavailableReason);
  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate>
      <TextField label="Integration name" name="name" placeholder="Support line" required error={errors?.name} />
      <fieldset aria-describedby={errors?.phoneNumberId ? "phone-number-error" : undefined}>
        <legend className="mb-2 block text-sm font-medium text-slate-700">Phone number to install it on</legend>
        <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {choices.map((choice) => {
            const id = `number-${choice.id}`;
            const detail = choice.unavailableReason ?? choice.note;
            return (
              <li key={choice.id} className={`flex items-start gap-3 px-4 py-3 ${choice.unavailableReason ? "bg-slate-50" : ""}`}>
                <input
                  id={id}
                  type="radio"
                  name="phoneNumberId"
                  value={choice.id}
                  disabled={!!choice.unavailableReason}
                  defaultChecked={choice.id === firstAvailable?.id}
                  aria-describedby={detail ? `${id}-detail` : undefined}
                  className="mt-1"
                />
                <div className="text-sm">
                  <label htmlFor={id} className={choice.unavailableReason ? "text-slate-500" : "font-medium text-slate-900"}>
                    {choice.display}
                    {choice.friendlyName !== choice.display ? ` · ${choice.friendlyName}` : ""}
                  </label>
                  {detail ? (
                    <p id={`${id}-detail`} className="mt-0.5 text-xs text-slate-500">
                      {detail}
                    </p>
                  ) : null}
                  {!choice.unavailableReason && usReadiness[choice.id] ? <div className="mt-1 text-xs">{usReadiness[choice.id]}</div> : null}
                </div>
              </li>
            );
          })}
        </ul>
        {errors?.phoneNumberId ? (
          <p id="phone-number-error" className="mt-1 text-sm text-red-600">
            {errors.phoneNumberId}
          </p>
        ) : null}
      </fieldset>
      <FormMessage message={state && !state.ok ? state.message : null} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add SMS Integration"}
        </Button>
        <Link href="/settings/integrations/sms" className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
