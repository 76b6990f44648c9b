"use client";

import type { PolicyMatch } from "@/lib/outbound/policy-warning";
import { Button } from "@/components/ui/button";

/** Shown instead of sending when the text likely breaks the messaging policy. */
export function PolicyWarningPanel({ policy, onSendAnyway, onEdit, pending }: { policy: PolicyMatch; onSendAnyway: () => void; onEdit: () => void; pending: boolean }) {
  return (
    <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-medium">Messaging policy warning: {policy.label}</p>
      <p className="mt-1">
        “{policy.matched}” looks like {policy.label.toLowerCase()}, which carriers ban in business texts. Sending it can get the number blocked. If the
        message is fine, send it anyway: it will be noted on the ticket.
      </p>
      <div className="mt-2 flex gap-2">
        <Button variant="danger" onClick={onSendAnyway} disabled={pending}>
          Send anyway
        </Button>
        <Button variant="secondary" onClick={onEdit}>
          Edit message
        </Button>
      </div>
    </div>
  );
}
