"use client";

import { useState, useTransition } from "react";
import { completePortAction, rejectPortAction } from "@/app/(app)/settings/phone-numbers/actions";
import { Button } from "@/components/ui/button";

/** Sandbox only: the admin plays the carrier, so both outcomes of a port can be tried. */
export function SandboxPortActions({ id, display }: { id: string; display: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function run(action: () => Promise<{ ok: boolean; message?: string }>) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.message ?? "That did not work.");
    });
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <Button variant="secondary" disabled={pending} aria-label={`Complete port of ${display} now`} onClick={() => run(() => completePortAction({ id }))}>
          Complete port now
        </Button>
        <Button variant="ghost" disabled={pending} aria-label={`Reject port of ${display}`} onClick={() => run(() => rejectPortAction({ id }))}>
          Reject
        </Button>
      </div>
      {error ? (
        <p role="alert" className="max-w-xs text-right text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
