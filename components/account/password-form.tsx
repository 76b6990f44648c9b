"use client";

import { useEffect, useRef } from "react";
import { changePasswordAction } from "@/lib/users/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

export function PasswordForm({ email }: { email: string }) {
  const { state, pending, onSubmit } = useActionForm(changePasswordAction);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      {/* Lets a password manager file the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors?.currentPassword} />
      <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint="At least 8 characters." error={errors?.newPassword} />
      <TextField label="Repeat new password" name="confirmPassword" type="password" autoComplete="new-password" required error={errors?.confirmPassword} />
      <FormMessage
        message={state ? (state.ok ? "Password changed. Your other devices and browsers are signed out." : state.message) : null}
        tone={state?.ok ? "success" : "error"}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
