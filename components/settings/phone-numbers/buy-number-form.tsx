"use client";

import { useState, useTransition } from "react";
import { buyNumberAction, searchNumbersAction } from "@/lib/phone-numbers/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/page";
import { CapabilityCell } from "./capability-cell";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { AvailableNumber } from "@/lib/phone-numbers/search";

type CountryOption = { code: string; name: string; callingCode: string };

export function BuyNumberForm({ countries, sandbox }: { countries: CountryOption[]; sandbox: boolean }) {
  const { state, pending, onSubmit } = useActionForm(searchNumbersAction);
  const [country, setCountry] = useState("US");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const areaCodeApplies = country === "US" || country === "CA";
  return (
    <div className="space-y-6">
      <Card className="p-6">
        <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Search numbers for sale">
          <SelectField label="Country" name="country" value={country} onChange={(event) => setCountry(event.target.value)} error={errors?.country}>
            {countries.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name} (+{option.callingCode})
              </option>
            ))}
          </SelectField>
          <SelectField label="Type" name="type" defaultValue="local" error={errors?.type}>
            <option value="local">Local</option>
            <option value="mobile">Mobile</option>
            <option value="toll-free">Toll-free</option>
          </SelectField>
          {areaCodeApplies ? (
            <TextField label="Area code (optional)" name="areaCode" inputMode="numeric" maxLength={3} placeholder="415" error={errors?.areaCode} />
          ) : null}
          <TextField
            label="Contains (optional)"
            name="contains"
            maxLength={16}
            placeholder="555"
            hint="Digits the number should contain; * stands for any one digit."
            error={errors?.contains}
          />
          <div className="sm:col-span-2">
            <FormMessage message={state && !state.ok ? state.message : null} />
            <Button type="submit" disabled={pending} className="mt-2">
              {pending ? "Searching…" : "Search"}
            </Button>
          </div>
        </form>
      </Card>
      {state?.ok ? <SearchResults results={state.results} sandbox={sandbox} /> : null}
    </div>
  );
}

function SearchResults({ results, sandbox }: { results: AvailableNumber[]; sandbox: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (results.length === 0) {
    return <p role="status" className="text-sm text-slate-600">No numbers for sale match. Try without an area code or with fewer digits.</p>;
  }
  return (
    <Card className="relative overflow-x-auto">
      <FormMessage message={error} />
      <table className="w-full text-left text-sm">
        <caption className="px-4 py-3 text-left text-sm font-semibold text-slate-900">Numbers for sale</caption>
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Number</th>
            <th scope="col" className="px-4 py-3">Where</th>
            <th scope="col" className="px-4 py-3">Can do here</th>
            <th scope="col" className="px-4 py-3"><span className="sr-only">Buy</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {results.map((number) => (
            <tr key={number.e164} className="align-top">
              <th scope="row" className="whitespace-nowrap px-4 py-3 font-medium">{number.display}</th>
              <td className="px-4 py-3">{number.place}</td>
              <td className="px-4 py-3"><CapabilityCell support={number.support} /></td>
              <td className="px-4 py-3 text-right">
                <ConfirmButton
                  label={`Buy ${number.display}`}
                  buttonText="Buy"
                  confirmText="Buy number"
                  variant="secondary"
                  disabled={pending}
                  description={`${number.display} becomes yours${sandbox ? " in the sandbox; nothing is charged" : "; Twilio charges your account for it every month until you release it"}.${number.support.sms ? "" : ` It cannot have SMS here: ${number.support.reason}`}`}
                  onConfirm={() => {
                    setError(null);
                    startTransition(async () => {
                      const result = await buyNumberAction({ phoneNumber: number.e164, type: number.type });
                      if (result && !result.ok) setError(result.message);
                    });
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
