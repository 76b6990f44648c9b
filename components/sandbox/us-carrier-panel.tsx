"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormMessage } from "@/components/ui/field";
import type { SimulatorNumber } from "@/lib/sandbox/simulator";
import { setUsCarrierRules } from "./api";
import { RegistrationPicker } from "./registration-picker";
import { refreshSandbox } from "./refresh";

type RegisteredNumber = SimulatorNumber & { registration: NonNullable<SimulatorNumber["registration"]> };

/** "(737) 555-0134 · Austin texts (10DLC)": which number, and which registration it needs. */
function pickerLabel(number: RegisteredNumber): string {
  const name = number.friendlyName && number.friendlyName !== number.display ? ` · ${number.friendlyName}` : "";
  return `${number.display}${name} (${number.registration.kind === "toll-free" ? "toll-free" : "10DLC"})`;
}

/**
 * In the Sandbox account panel: every US or Canadian sandbox number's registration with US
 * carriers, and whether the sandbox's carrier enforces it as real ones do.
 */
export function UsCarrierPanel({ numbers, usCarrierRules }: { numbers: SimulatorNumber[]; usCarrierRules: boolean }) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<boolean | null>(null);
  const toggle = useMutation({
    mutationFn: (on: boolean) => setUsCarrierRules(on),
    onSuccess: () => refreshSandbox(queryClient),
    onSettled: () => setShown(null),
  });
  const registrable = numbers.filter((number): number is RegisteredNumber => number.registration !== null);
  return (
    <section aria-labelledby="sandbox-us-carriers" className="space-y-3 border-t border-slate-200 pt-3">
      <h3 id="sandbox-us-carriers" className="text-sm font-medium text-slate-800">
        US carrier registration
      </h3>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          checked={shown ?? usCarrierRules}
          disabled={toggle.isPending}
          onChange={(event) => {
            setShown(event.target.checked);
            toggle.mutate(event.target.checked);
          }}
          className="mt-0.5 size-4"
        />
        <span>
          <span className="font-medium">Apply US carriers&apos; rules</span>
          <span className="block text-xs text-slate-600">
            Texts to US phones from a 10-digit number without an approved A2P 10DLC campaign fail with 30034; texts to US and Canadian phones from a
            toll-free number without an approved verification fail with 30032. Off, the sandbox delivers them.
          </span>
        </span>
      </label>
      <FormMessage message={toggle.isError ? toggle.error.message : null} />
      {registrable.length === 0 ? (
        <p className="text-xs text-slate-600">No US or Canadian sandbox number yet. Buy one under Settings → Phone numbers to set its registration here.</p>
      ) : (
        <ul aria-label="Registration of each number" className="space-y-3">
          {registrable.map((number) => (
            <li key={number.phoneNumber}>
              <RegistrationPicker number={number} usCarrierRules={usCarrierRules} label={pickerLabel(number)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
