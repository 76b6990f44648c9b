"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { saveSavedReplyAction } from "@/lib/saved-replies/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, inputClass, TextField } from "@/components/ui/field";
import { NAME_ALLOWANCE, savedReplyFit, type IntegrationLimit } from "@/lib/saved-replies/fit";
import type { MacroAction } from "@/lib/saved-replies/macro";
import { MAX_SAVED_REPLY_LENGTH, MAX_SAVED_REPLY_TITLE_LENGTH } from "@/lib/saved-replies/validation";
import { MacroActionsEditor } from "./macro-actions-editor";

export interface SavedReplyDraft {
  id: string | null;
  title: string;
  body: string;
  actions: MacroAction[];
}

interface Props {
  initial: SavedReplyDraft;
  integrations: IntegrationLimit[];
  /** Active agents a macro may assign to, and the tags there are, for the actions' choices. */
  agents: { id: string; name: string }[];
  tags: string[];
  /** Where the form goes back to: Settings → Saved replies, or an agent's own macros. */
  backHref: string;
}

export function SavedReplyForm({ initial, integrations, agents, tags, backHref }: Props) {
  const router = useRouter();
  const { state, pending, onSubmit } = useActionForm(saveSavedReplyAction);
  const [body, setBody] = useState(initial.body);
  const id = useId();
  useEffect(() => {
    if (state?.ok) router.push(backHref);
  }, [state, router, backHref]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const over = body.length > MAX_SAVED_REPLY_LENGTH;
  const fit = savedReplyFit(body, integrations);
  const bodyError = errors?.body;
  return (
    <form onSubmit={onSubmit} className="max-w-2xl space-y-4" noValidate aria-label={initial.id ? "Edit saved reply" : "New saved reply"}>
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <TextField label="Title" name="title" defaultValue={initial.title} required maxLength={MAX_SAVED_REPLY_TITLE_LENGTH} hint="What agents see in the composer's menu, such as “Order shipped”." error={errors?.title} />
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          Reply text
        </label>
        <textarea
          id={id}
          name="body"
          rows={5}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          className={inputClass}
          aria-invalid={bodyError || over ? true : undefined}
          aria-describedby={`${id}-counter ${id}-sms ${id}-hint${bodyError ? ` ${id}-error` : ""}`}
        />
        <p id={`${id}-counter`} className={`text-xs tabular-nums ${over ? "font-medium text-red-700" : "text-slate-500"}`}>
          {body.length} / {MAX_SAVED_REPLY_LENGTH} characters
        </p>
        <p id={`${id}-sms`} aria-live="polite" className={`text-xs tabular-nums ${fit.tooLongFor.length > 0 ? "font-medium text-amber-800" : "text-slate-500"}`}>
          As sent: {fit.counter.summary} (names counted as {NAME_ALLOWANCE.customer} characters)
        </p>
        {fit.tooLongFor.length > 0 ? (
          <p role="status" className="text-xs text-amber-800">
            {fit.tooLongFor.map((entry) => `Longer than the ${entry.limit}-character limit of “${entry.name}” (${entry.characters} characters there)`).join("; ")}: agents must
            shorten it before sending from there.
          </p>
        ) : null}
        {fit.counter.unicodeHint ? <p className="text-xs text-slate-500">{fit.counter.unicodeHint}</p> : null}
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {"{{customer.first_name}}"}, {"{{customer.name}}"}, {"{{agent.first_name}}"} and {"{{integration.name}}"} are filled in when an agent inserts the
          reply. An unknown name gives the word after a bar ({"{{customer.first_name|there}}"}), or without one is left out with its comma. A macro with actions may
          leave the text empty.
        </p>
        {bodyError ? (
          <p id={`${id}-error`} className="text-sm text-red-600">
            {bodyError}
          </p>
        ) : null}
      </div>
      <MacroActionsEditor initial={initial.actions} agents={agents} tags={tags} errors={errors} />
      <FormMessage message={state && !state.ok ? state.message : null} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : initial.id ? "Save changes" : "Create saved reply"}
        </Button>
        <Button variant="secondary" onClick={() => router.push(backHref)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
