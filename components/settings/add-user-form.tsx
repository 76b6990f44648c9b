"use client";

import { useEffect, useRef } from "react";
import { addUserAction } from "@/lib/users/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";

export function AddUserForm() {
  const { state, pending, onSubmit } = useActionForm(addUserAction);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      <TextField label="Name" name="name" required error={errors?.name} />
      <TextField label="Email" name="email" type="email" required error={errors?.email} />
      <TextField label="Initial password" name="password" type="password" autoComplete="new-password" required hint="At least 8 characters. Share it with them privately." error={errors?.password} />
      <SelectField label="Role" name="role" defaultValue="agent">
        <option value="agent">Agent: answers tickets</option>
        <option value="admin">Admin: also manages settings</option>
      </SelectField>
      <FormMessage message={state ? (state.ok ? "User added." : state.message) : null} tone={state?.ok ? "success" : "error"} />
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </Button>
    </form>
  );
}
