"use client";

import { useId, useState, useTransition } from "react";
import { checkPortAction, completePortAction, markPortInProgressAction, rejectPortAction } from "@/lib/phone-numbers/actions";
import { Button } from "@/components/ui/button";

type Result = { ok: boolean; message?: string };

/**
 * What an admin can do while a port is open: record that the carrier is working on it, check
 * whether the number has arrived in the Twilio account, or record the carrier's refusal. In
 * the sandbox the admin also plays the carrier and can complete the port at once.
 */
export function PortRequestActions({
  id,
  display,
  status,
  sandbox,
  suggestedReason,
}: {
  id: string;
  display: string;
  status: "submitted" | "in_progress";
  sandbox: boolean;
  suggestedReason: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [pending, startTransition] = useTransition();
  const reasonId = useId();
  const errorId = useId();
  function run(action: () => Promise<Result>) {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.message ?? "That did not work.");
      else if (result.message) setNotice(result.message);
    });
  }
  function reject(form: FormData) {
    run(async () => {
      const result = await rejectPortAction({ id, reason: String(form.get("reason") ?? "") });
      if (result.ok) setRejecting(false);
      return result;
    });
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-2">
        {status === "submitted" ? (
          <Button variant="secondary" disabled={pending} aria-label={`Mark port of ${display} in progress`} onClick={() => run(() => markPortInProgressAction({ id }))}>
            Mark in progress
          </Button>
        ) : null}
        <Button variant="secondary" disabled={pending} aria-label={`Check status of port of ${display}`} onClick={() => run(() => checkPortAction({ id }))}>
          Check status
        </Button>
        {sandbox ? (
          <Button variant="secondary" disabled={pending} aria-label={`Complete port of ${display} now`} onClick={() => run(() => completePortAction({ id }))}>
            Complete port now
          </Button>
        ) : null}
        <Button variant="ghost" disabled={pending} aria-label={`Reject port of ${display}`} aria-expanded={rejecting} onClick={() => setRejecting(!rejecting)}>
          Reject
        </Button>
      </div>
      {rejecting ? (
        <form action={reject} className="mt-1 flex w-full max-w-sm flex-col items-end gap-1" aria-label={`Reject port of ${display}`}>
          <label htmlFor={reasonId} className="self-start text-xs font-medium text-slate-700">
            Reason the carrier gave
          </label>
          <textarea
            id={reasonId}
            name="reason"
            required
            rows={2}
            placeholder={sandbox ? `For example: ${suggestedReason}` : undefined}
            aria-describedby={error ? errorId : undefined}
            className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <Button type="submit" variant="danger" disabled={pending}>
            Record rejection
          </Button>
        </form>
      ) : null}
      <p role="status" aria-live="polite" className="max-w-xs text-right text-xs text-slate-700">
        {notice}
      </p>
      {error ? (
        <p id={errorId} role="alert" className="max-w-xs text-right text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
