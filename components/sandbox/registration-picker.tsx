"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormMessage, SelectField } from "@/components/ui/field";
import type { RegistrationKind, SandboxRegistration } from "@/lib/sandbox/registration-states";
import type { SimulatorNumber } from "@/lib/sandbox/simulator";
import { setRegistration } from "./api";
import { refreshSandbox } from "./refresh";

const LABELS: Record<RegistrationKind, Record<SandboxRegistration, string>> = {
  "10dlc": { unregistered: "Not registered", pending: "Campaign under review (IN_PROGRESS)", registered: "Campaign approved (VERIFIED)", rejected: "Campaign failed (FAILED)" },
  "toll-free": { unregistered: "Not verified", pending: "Verification in review (IN_REVIEW)", registered: "Verified (TWILIO_APPROVED)", rejected: "Rejected (TWILIO_REJECTED)" },
};

type RegisteredNumber = SimulatorNumber & { registration: NonNullable<SimulatorNumber["registration"]> };

/** What the sandbox's carrier does with the number's texts to US phones, in its current state. */
function carrierEffect(number: RegisteredNumber, usCarrierRules: boolean): string {
  if (!usCarrierRules) return "The sandbox delivers its texts whatever the state (US carriers' rules are off in Sandbox account).";
  if (number.registration.state === "registered") return "US carriers take its texts.";
  return number.registration.kind === "toll-free"
    ? "Its texts to US and Canadian phones fail with 30032 until the verification is approved."
    : "Its texts to US phones fail with 30034 until the campaign is approved.";
}

/**
 * Admins only: what Twilio's Messaging API says of this US or Canadian number's registration
 * with US carriers (an A2P 10DLC campaign, or a toll-free verification), to try every state.
 * `label` names the number too where several are listed (the Sandbox account panel), which
 * then shows no explanation under each.
 */
export function RegistrationPicker({ number, usCarrierRules, label }: { number: RegisteredNumber; usCarrierRules: boolean; label?: string }) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<SandboxRegistration | null>(null);
  const change = useMutation({
    mutationFn: (registration: SandboxRegistration) => setRegistration(number.phoneNumber, registration),
    onSuccess: () => refreshSandbox(queryClient),
    onSettled: () => setShown(null),
  });
  const { kind, state, serviceName } = number.registration;
  const labels = LABELS[kind];
  return (
    <div className={label ? "space-y-1" : "mt-3 space-y-2 border-t border-slate-200 pt-3"}>
      <SelectField
        label={label ?? (kind === "toll-free" ? "Toll-free verification" : "A2P 10DLC registration")}
        name="registration"
        id={`registration-${label ? "listed-" : ""}${number.phoneNumber}`}
        value={shown ?? state}
        disabled={change.isPending}
        onChange={(event) => {
          const next = event.target.value as SandboxRegistration;
          setShown(next);
          change.mutate(next);
        }}
      >
        {(Object.keys(labels) as SandboxRegistration[]).map((value) => (
          <option key={value} value={value}>
            {labels[value]}
          </option>
        ))}
      </SelectField>
      {label ? null : (
        <p className="text-xs text-slate-600">
          {kind === "toll-free"
            ? "What the sandbox's Twilio says of this number's toll-free verification."
            : serviceName
              ? `The campaign of its Messaging Service “${serviceName}”: it applies to every number in that service.`
              : "Registering puts the number in a Messaging Service of its own, with a campaign."}{" "}
          The integration shows it under US carriers. {carrierEffect(number, usCarrierRules)}
        </p>
      )}
      <FormMessage message={change.isError ? change.error.message : null} />
    </div>
  );
}
