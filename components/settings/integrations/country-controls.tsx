"use client";

import { useState, useTransition } from "react";
import { allowCountryAction, removeCountryAction } from "@/lib/integrations/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { FormMessage, SelectField } from "@/components/ui/field";

export function AddCountryForm({ options, chosen }: { options: { code: string; name: string; callingCode: string }[]; chosen?: string }) {
  const { state, pending, onSubmit } = useActionForm(allowCountryAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Allow a country">
      <SelectField label="Country to allow" name="country" defaultValue={chosen ?? ""} error={errors?.country}>
        <option value="" disabled>
          Choose a country…
        </option>
        {options.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name} (+{option.callingCode})
          </option>
        ))}
      </SelectField>
      <FormMessage message={state ? (state.ok ? "Country allowed." : state.message) : null} tone={state?.ok ? "success" : "error"} />
      <Button type="submit" disabled={pending}>
        {pending ? "Allowing…" : "Allow country"}
      </Button>
    </form>
  );
}

export function RemoveCountryButton({ code, name }: { code: string; name: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col items-end gap-1">
      <ConfirmButton
        label={`Remove ${name}`}
        buttonText="Remove"
        confirmText="Remove country"
        description={`Customers in ${name} will no longer be able to text you, and you will not be able to text them. Existing tickets stay.`}
        disabled={pending}
        onConfirm={() => {
          setError(null);
          startTransition(async () => {
            const result = await removeCountryAction({ country: code });
            if (!result.ok) setError(result.message);
          });
        }}
      />
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
