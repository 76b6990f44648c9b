"use client";

import { useState, useTransition } from "react";
import { recheckReadinessAction } from "@/lib/integrations/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { UsReadiness } from "@/lib/integrations/readiness";
import { ReadinessBadge } from "./readiness-badge";

const timeFormat = new Intl.DateTimeFormat("en", { timeStyle: "short" });

/** The number's US registration, with the time Twilio was asked and a way to ask again. */
export function ReadinessPanel({ id, readiness }: { id: string; readiness: UsReadiness }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function recheck() {
    setError(null);
    startTransition(async () => {
      const result = await recheckReadinessAction({ id });
      if (!result.ok) setError(result.message);
    });
  }
  return (
    <section aria-labelledby="readiness-heading" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 id="readiness-heading" className="text-base font-semibold text-slate-900">
        US carriers
      </h2>
      <div className="mt-2 text-sm" role="status">
        <ReadinessBadge readiness={readiness} withDetail />
      </div>
      <p className="mt-2 text-xs text-slate-500">
        {readiness.kind === "toll-free" ? "Toll-free verification" : "A2P 10DLC registration"}, as Twilio said at {timeFormat.format(new Date(readiness.checkedAt))}.
      </p>
      <div className="mt-3 space-y-2">
        <Button variant="secondary" onClick={recheck} disabled={pending}>
          {pending ? "Asking Twilio…" : "Check again"}
        </Button>
        <FormMessage message={error} />
      </div>
    </section>
  );
}
