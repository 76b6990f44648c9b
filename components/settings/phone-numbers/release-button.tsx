"use client";

import { useState, useTransition } from "react";
import { releaseNumberAction } from "@/lib/phone-numbers/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function ReleaseNumberButton({ id, display, sandbox, usedBy }: { id: string; display: string; sandbox: boolean; usedBy: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (usedBy !== null) {
    // Said before anyone goes through the confirmation; the server refuses it too.
    return (
      <div className="flex flex-col items-end gap-1">
        <Button variant="secondary" disabled aria-label={`Release ${display}`} aria-describedby={`release-${id}-reason`}>
          Release
        </Button>
        <p id={`release-${id}-reason`} className="max-w-xs text-right text-xs text-slate-600">
          Used by SMS integration “{usedBy}”. Delete that integration first.
        </p>
      </div>
    );
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <ConfirmButton
        label={`Release ${display}`}
        buttonText={pending ? "Releasing…" : "Release"}
        confirmText="Release number"
        description={`${display} goes back to ${sandbox ? "the sandbox" : "Twilio and the carrier"}. Someone else may get it; you may never get it back.`}
        disabled={pending}
        onConfirm={() => {
          setError(null);
          startTransition(async () => {
            const result = await releaseNumberAction({ id });
            if (!result.ok) setError(result.message);
          });
        }}
      />
      {error ? (
        <p role="alert" className="max-w-xs text-right text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
