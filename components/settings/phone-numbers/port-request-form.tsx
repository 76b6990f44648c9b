"use client";

import { useEffect, useRef } from "react";
import { submitPortRequestAction } from "@/app/(app)/settings/phone-numbers/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

export function PortRequestForm() {
  const { state, pending, onSubmit } = useActionForm(submitPortRequestAction);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Port request">
      <TextField label="Number to port" name="phoneNumber" placeholder="+1 415 555 0100" autoComplete="off" error={errors?.phoneNumber} />
      <TextField label="Current carrier" name="currentCarrier" placeholder="AT&T" error={errors?.currentCarrier} />
      <TextField label="Account number at that carrier" name="carrierAccountNumber" autoComplete="off" error={errors?.carrierAccountNumber} />
      <TextField
        label="PIN or passcode"
        name="carrierPin"
        type="password"
        autoComplete="off"
        hint="The carrier needs it to release the number. It is not shown again."
        error={errors?.carrierPin}
      />
      <TextField label="Authorised name on the account" name="authorizedName" error={errors?.authorizedName} />
      <TextField label="Service address" name="serviceAddress" hint="As the current carrier has it on file." error={errors?.serviceAddress} />
      <div className="sm:col-span-2">
        <FormMessage message={state ? (state.ok ? "Port request submitted. Follow it below." : state.message) : null} tone={state?.ok ? "success" : "error"} />
        <Button type="submit" disabled={pending} className="mt-2">
          {pending ? "Submitting…" : "Submit port request"}
        </Button>
      </div>
    </form>
  );
}
