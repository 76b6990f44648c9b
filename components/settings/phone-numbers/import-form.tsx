"use client";

import { importNumbersAction } from "@/lib/phone-numbers/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { ImportableNumber } from "@/lib/phone-numbers/manage";
import { CapabilityCell } from "./capability-cell";

export function ImportNumbersForm({ numbers }: { numbers: ImportableNumber[] }) {
  const { state, pending, onSubmit } = useActionForm(importNumbersAction);
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">Numbers in your Twilio account that are not here yet</legend>
        <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {numbers.map((number) => (
            <li key={number.sid} className="flex items-start gap-3 px-4 py-3">
              <input id={`import-${number.sid}`} type="checkbox" name="sid" value={number.sid} className="mt-1" />
              <label htmlFor={`import-${number.sid}`} className="flex-1 text-sm">
                <span className="font-medium">{number.display}</span>
                {number.friendlyName && number.friendlyName !== number.display ? <span className="text-slate-500"> · {number.friendlyName}</span> : null}
                <div className="mt-1">
                  <CapabilityCell support={number.support} />
                </div>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <FormMessage message={state && !state.ok ? state.message : null} />
      <Button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import selected numbers"}
      </Button>
    </form>
  );
}
