"use client";

import { useId, useState, useTransition } from "react";
import { makeResetLinkAction } from "@/lib/users/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { inputClass } from "@/components/ui/field";

/** Makes a one-time password reset link and shows it once, for the admin to pass on. */
export function ResetLinkButton({ user, disabled }: { user: { id: string; name: string }; disabled?: boolean }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const fieldId = useId();

  function makeLink() {
    setError(null);
    setCopied(false);
    startTransition(async () => {
      const result = await makeResetLinkAction({ userId: user.id });
      if (result.ok) setLink({ url: result.url, expiresAt: result.expiresAt });
      else setError(result.message);
    });
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setError("Copying was not allowed by the browser. Select the link and copy it by hand.");
    }
  }

  return (
    <div className="inline-flex flex-col items-end gap-2">
      <ConfirmButton
        label={`Reset password of ${user.name}`}
        buttonText={pending ? "Making link…" : "Reset password"}
        confirmText="Make reset link"
        variant="secondary"
        description={`You get a link to pass on to ${user.name}. It works once, for 24 hours, and asks for a new password. Their current password keeps working until then, and an earlier link stops working.`}
        disabled={disabled || pending}
        onConfirm={makeLink}
      />
      {error ? (
        <p role="alert" className="max-w-xs text-left text-xs text-red-600">
          {error}
        </p>
      ) : null}
      {link ? (
        <div role="status" className="w-80 max-w-full space-y-2 rounded-md bg-amber-50 p-3 text-left text-xs text-amber-900 ring-1 ring-amber-200">
          <label htmlFor={fieldId} className="block font-medium">
            Reset link for {user.name}
          </label>
          <input id={fieldId} readOnly value={link.url} onFocus={(event) => event.currentTarget.select()} className={`${inputClass} font-mono text-xs`} />
          <p>
            Shown only now. It works once, until {new Date(link.expiresAt).toLocaleString()}. Send it to {user.name} privately.
          </p>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => void copy(link.url)}>
              {copied ? "Copied" : "Copy link"}
            </Button>
            <Button variant="ghost" onClick={() => setLink(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
