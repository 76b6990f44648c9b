"use client";

import { useState, useTransition, type FormEvent } from "react";

/**
 * Submits a form to a server action without React's automatic form reset, so that a
 * refused submission keeps what the person typed next to the errors.
 */
export function useActionForm<S>(action: (prev: unknown, form: FormData) => Promise<S>) {
  const [state, setState] = useState<S | null>(null);
  const [pending, startTransition] = useTransition();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      setState(await action(null, data));
    });
  }
  return { state, pending, onSubmit };
}
