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

/**
 * Admins only: what Twilio's Messaging API says of this US or Canadian number's registration
 * with US carriers (an A2P 10DLC campaign, or a toll-free verification), to try every state.
 */
export function RegistrationPicker({ number }: { number: SimulatorNumber & { registration: NonNullable<SimulatorNumber["registration"]> } }) {
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
    <div className="mt-3 space-y-2 border-t border-slate-200 pt-3">
      <SelectField
        label={kind === "toll-free" ? "Toll-free verification" : "A2P 10DLC registration"}
        name="registration"
        id={`registration-${number.phoneNumber}`}
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
      <p className="text-xs text-slate-600">
        {kind === "toll-free"
          ? "What the sandbox's Twilio says of this number's toll-free verification."
          : serviceName
            ? `The campaign of its Messaging Service “${serviceName}”: it applies to every number in that service.`
            : "Registering puts the number in a Messaging Service of its own, with a campaign."}{" "}
        The integration shows it under US carriers. The sandbox still delivers every text.
      </p>
      <FormMessage message={change.isError ? change.error.message : null} />
    </div>
  );
}
