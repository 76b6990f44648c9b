"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { createFirstAdminAction } from "@/lib/setup/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

export function SetupForm() {
  const router = useRouter();
  const { state, pending, onSubmit } = useActionForm(createFirstAdminAction);
  const passwordRef = useRef<HTMLInputElement>(null);

  // Once the account exists, sign in with what was just typed and open the app.
  useEffect(() => {
    if (!state?.ok) return;
    void signIn("credentials", { redirect: false, email: state.email, password: passwordRef.current?.value ?? "" }).then(() => {
      router.replace("/tickets");
      router.refresh();
    });
  }, [state, router]);

  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <TextField label="Your name" name="name" autoComplete="name" required error={errors?.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors?.email} />
      <TextField
        ref={passwordRef}
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        error={errors?.password}
      />
      <FormMessage message={state && !state.ok ? state.message : null} />
      <Button type="submit" className="w-full" disabled={pending || state?.ok}>
        {pending || state?.ok ? "Creating account…" : "Create admin account"}
      </Button>
    </form>
  );
}
