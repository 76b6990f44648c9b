"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { resetPasswordAction } from "@/lib/users/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

export function ResetPasswordForm({ token, name, email }: { token: string; name: string; email: string }) {
  const router = useRouter();
  const { state, pending, onSubmit } = useActionForm(resetPasswordAction);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [signInError, setSignInError] = useState<string | null>(null);

  // The new password is set: sign in with it and open the inbox.
  useEffect(() => {
    if (!state?.ok) return;
    void signIn("credentials", { redirect: false, email: state.email, password: passwordRef.current?.value ?? "" }).then((result) => {
      if (result?.ok) {
        router.replace("/tickets");
        router.refresh();
      } else setSignInError(`Your new password is set, but signing in failed: ${result?.error ?? "try again"}. Sign in on the sign-in page.`);
    });
  }, [state, router]);

  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const message = signInError ?? (state && !state.ok ? state.message : null);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <p className="text-sm text-slate-600">
        For {name} ({email}). This link works once: choose your new password to sign in.
      </p>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField ref={passwordRef} label="New password" name="password" type="password" autoComplete="new-password" required hint="At least 8 characters." error={errors?.password} />
      <TextField label="Repeat new password" name="confirmPassword" type="password" autoComplete="new-password" required error={errors?.confirmPassword} />
      <FormMessage message={message} />
      <Button type="submit" className="w-full" disabled={pending || (state?.ok && !signInError)}>
        {pending || (state?.ok && !signInError) ? "Signing in…" : "Set password and sign in"}
      </Button>
    </form>
  );
}
