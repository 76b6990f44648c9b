"use client";

import { useState, useTransition } from "react";
import {
  deactivateIntegrationAction,
  deleteIntegrationAction,
  reactivateIntegrationAction,
  renameIntegrationAction,
  updateSettingsAction,
} from "@/lib/integrations/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { FormMessage, TextField } from "@/components/ui/field";

export function RenameForm({ id, name }: { id: string; name: string }) {
  const { state, pending, onSubmit } = useActionForm(renameIntegrationAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Name">
      <input type="hidden" name="id" value={id} />
      <TextField label="Integration name" name="name" defaultValue={name} error={errors?.name} />
      <FormMessage message={state ? (state.ok ? "Name saved." : state.message) : null} tone={state?.ok ? "success" : "error"} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Save name
      </Button>
    </form>
  );
}

export function SettingsForm({ id, reopenWindowDays, maxMessageLength }: { id: string; reopenWindowDays: number; maxMessageLength: number }) {
  const { state, pending, onSubmit } = useActionForm(updateSettingsAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Ticket and message settings">
      <input type="hidden" name="id" value={id} />
      <TextField
        label="Reopen window (days)"
        name="reopenWindowDays"
        type="number"
        min={0}
        max={365}
        defaultValue={reopenWindowDays}
        hint="A customer’s new message within this many days of a ticket closing reopens it; later, it starts a new ticket. 0 always starts a new ticket."
        error={errors?.reopenWindowDays}
      />
      <TextField
        label="Maximum message length (characters)"
        name="maxMessageLength"
        type="number"
        min={160}
        max={1600}
        defaultValue={maxMessageLength}
        hint="160 is one SMS. Up to 1600 is allowed; longer messages are sent as several parts and cost more."
        error={errors?.maxMessageLength}
      />
      <FormMessage message={state ? (state.ok ? "Settings saved." : state.message) : null} tone={state?.ok ? "success" : "error"} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Save settings
      </Button>
    </form>
  );
}

export function DeactivateForm({ id, suggestions }: { id: string; suggestions: readonly string[] }) {
  const { state, pending, onSubmit } = useActionForm(deactivateIntegrationAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Deactivate">
      <input type="hidden" name="id" value={id} />
      <TextField
        label="Reason for deactivating"
        name="reason"
        list="deactivation-reasons"
        hint="Agents see it on this integration’s tickets. While deactivated, nothing is sent from this number."
        error={errors?.reason}
      />
      <datalist id="deactivation-reasons">
        {suggestions.map((reason) => (
          <option key={reason} value={reason} />
        ))}
      </datalist>
      <FormMessage message={state && !state.ok ? state.message : null} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Deactivating…" : "Deactivate"}
      </Button>
    </form>
  );
}

function useRun() {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function run(action: () => Promise<{ ok: boolean; message?: string } | undefined>) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (result && !result.ok) setError(result.message ?? "That did not work.");
    });
  }
  return { error, pending, run };
}

export function ReactivateButton({ id, name }: { id: string; name: string }) {
  const { error, pending, run } = useRun();
  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={pending} aria-label={`Reactivate ${name}`} onClick={() => run(() => reactivateIntegrationAction({ id }))}>
        Reactivate
      </Button>
      <FormMessage message={error} />
    </div>
  );
}

export function DeleteIntegrationButton({ id, name, display }: { id: string; name: string; display: string }) {
  const { error, pending, run } = useRun();
  return (
    <div className="space-y-2">
      <ConfirmButton
        label={`Delete ${name}`}
        buttonText={pending ? "Deleting…" : "Delete integration"}
        confirmText="Delete integration"
        description={`SMS is removed from ${display} at Twilio: customers’ texts to it will no longer reach the inbox. Its tickets and messages stay.`}
        disabled={pending}
        onConfirm={() => run(() => deleteIntegrationAction({ id }))}
      />
      <FormMessage message={error} />
    </div>
  );
}
