"use client";

import { updateProfileAction } from "@/lib/users/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

export function ProfileForm({ name, email }: { name: string; email: string }) {
  const { state, pending, onSubmit } = useActionForm(updateProfileAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <TextField label="Name" name="name" autoComplete="name" defaultValue={name} required hint="Shown to other agents and in the audit log." error={errors?.name} />
      <TextField label="Email" name="email" type="email" value={email} readOnly hint="You sign in with it. An admin can add you again under another email if it must change." />
      <FormMessage message={state ? (state.ok ? "Name saved." : state.message) : null} tone={state?.ok ? "success" : "error"} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}
