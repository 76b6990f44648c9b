"use client";

import { useEffect, useRef, useState } from "react";
import { submitPortRequestAction } from "@/lib/phone-numbers/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { smsSupportForNumber } from "@/lib/phone/capabilities";
import { formatPhoneNumber, normalizePhoneNumber } from "@/lib/phone/normalize";

/** Why a number to port could not have SMS here, said before the request goes to the carrier. */
function noSmsWarning(typed: string): string | null {
  const normalized = normalizePhoneNumber(typed);
  if (!normalized.ok) return null;
  const support = smsSupportForNumber({ e164: normalized.e164, twilioSms: true, twilioMms: true });
  return support.sms ? null : `${formatPhoneNumber(normalized.e164)} cannot have SMS here, so porting it in would not help: ${support.reason}`;
}

export function PortRequestForm() {
  const { state, pending, onSubmit } = useActionForm(submitPortRequestAction);
  const formRef = useRef<HTMLFormElement>(null);
  const [warning, setWarning] = useState<string | null>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Port request">
      <TextField
        label="Number to port"
        name="phoneNumber"
        placeholder="+1 415 555 0100"
        autoComplete="off"
        onChange={(event) => setWarning(noSmsWarning(event.target.value))}
        hint={warning ? <span className="font-medium text-amber-800">{warning}</span> : undefined}
        error={errors?.phoneNumber && errors.phoneNumber !== warning ? errors.phoneNumber : undefined}
      />
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
