"use client";

import { useState, useTransition } from "react";
import { repairIntegrationAction } from "@/lib/integrations/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { IntegrationHealth } from "@/lib/integrations/health";

/** Whether Twilio still sends this number's messages here; offers Repair when it does not. */
export function HealthPanel({ id, health }: { id: string; health: IntegrationHealth }) {
  const [repairResult, setRepairResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  function repair() {
    setRepairResult(null);
    startTransition(async () => {
      const result = await repairIntegrationAction({ id });
      if (!result.ok) setRepairResult({ ok: false, message: result.message });
      else if (result.health.state === "healthy") setRepairResult({ ok: true, message: "Repaired: Twilio sends this number’s messages to this app again." });
      else setRepairResult({ ok: false, message: "Twilio accepted the repair, but the number still does not point here. Check it in the Twilio console." });
    });
  }
  return (
    <section aria-labelledby="health-heading" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 id="health-heading" className="text-base font-semibold text-slate-900">
        Connection to Twilio
      </h2>
      <div className="mt-2 text-sm">
        {health.state === "healthy" ? (
          <p className="text-green-700">Working: Twilio sends this number’s messages and delivery reports to this app.</p>
        ) : health.state === "misconfigured" ? (
          <>
            <p className="font-medium text-red-700">Not working: this number’s settings at Twilio do not point at this app.</p>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
              {health.problems.map((problem) => (
                <li key={problem.setting}>{problem.message}</li>
              ))}
            </ul>
            <p className="mt-2 text-slate-600">Someone may have changed them in the Twilio console, or this app’s public address changed.</p>
          </>
        ) : (
          <p className={health.state === "number-missing" ? "text-red-700" : "text-amber-800"}>{health.message}</p>
        )}
      </div>
      <div className="mt-4 space-y-2">
        {health.state === "misconfigured" ? (
          <Button onClick={repair} disabled={pending}>
            {pending ? "Repairing…" : "Repair"}
          </Button>
        ) : null}
        <FormMessage message={repairResult?.message} tone={repairResult?.ok ? "success" : "error"} />
      </div>
    </section>
  );
}
