"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { saveSmsPriceAction } from "@/lib/reports/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import type { SmsPrice } from "@/lib/reports/prices";
import { reportKeys } from "./keys";

/** The prices per segment the cost estimate uses, and a form to set one country's. */
export function SmsPriceForm({ prices }: { prices: SmsPrice[] }) {
  const { state, pending, onSubmit } = useActionForm(saveSmsPriceAction);
  const router = useRouter();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!state?.ok) return;
    router.refresh();
    void queryClient.invalidateQueries({ queryKey: reportKeys.charts("usage") });
  }, [state, router, queryClient]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer text-brand-700">Prices per segment</summary>
      <table className="mt-2 text-left">
        <caption className="sr-only">Prices per SMS segment by country</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="pr-4">Country</th>
            <th scope="col" className="pr-4">Sent</th>
            <th scope="col" className="pr-4">Received</th>
            <th scope="col">Current on</th>
          </tr>
        </thead>
        <tbody>
          {prices.map((price) => (
            <tr key={price.country}>
              <th scope="row" className="pr-4 font-medium">{price.country}</th>
              <td className="pr-4">${price.sent}</td>
              <td className="pr-4">${price.received}</td>
              <td>{price.asOf}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={onSubmit} noValidate className="mt-3 grid max-w-2xl grid-cols-2 items-end gap-3 md:grid-cols-5">
        <TextField label="Country code" name="country" placeholder="US" maxLength={2} required error={errors?.country} />
        <TextField label="Sent ($)" name="sent" inputMode="decimal" placeholder="0.0083" required error={errors?.sent} />
        <TextField label="Received ($)" name="received" inputMode="decimal" placeholder="0.0083" required error={errors?.received} />
        <TextField label="Current on" name="asOf" type="date" required error={errors?.asOf} />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save price"}
        </Button>
        <div className="col-span-full">
          <FormMessage message={state ? (state.ok ? "Price saved." : state.message) : null} tone={state?.ok ? "success" : "error"} />
        </div>
      </form>
    </details>
  );
}
