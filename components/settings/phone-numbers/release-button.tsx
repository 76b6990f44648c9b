"use client";

import { useState, useTransition } from "react";
import { releaseNumberAction } from "@/app/(app)/settings/phone-numbers/actions";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function ReleaseNumberButton({ id, display, sandbox }: { id: string; display: string; sandbox: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
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
