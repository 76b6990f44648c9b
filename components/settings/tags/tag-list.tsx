"use client";

import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import { deleteTagAction, mergeTagAction, renameTagAction } from "@/lib/tags/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { FormMessage, inputClass } from "@/components/ui/field";

export interface TagRow {
  id: string;
  name: string;
  tickets: number;
  rules: string[];
}

type Message = { text: string; tone: "error" | "success" };

const ticketsLabel = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "ticket" : "tickets"}`;

/** The tags, each renamed, merged into another or deleted (after a confirmation); `empty` when there are none. */
export function TagList({ tags, empty }: { tags: TagRow[]; empty: ReactNode }) {
  const [message, setMessage] = useState<Message | null>(null);
  const [pending, startTransition] = useTransition();

  function run(work: () => Promise<Message>) {
    setMessage(null);
    startTransition(async () => setMessage(await work()));
  }

  return (
    <div className="space-y-3">
      <FormMessage message={message?.text} tone={message?.tone} />
      {tags.length === 0 ? (
        empty
      ) : (
        <ul aria-label="Tags" className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {tags.map((tag) => (
            <TagItem key={tag.id} tag={tag} others={tags.filter((other) => other.id !== tag.id)} pending={pending} run={run} />
          ))}
        </ul>
      )}
    </div>
  );
}

function TagItem({ tag, others, pending, run }: { tag: TagRow; others: TagRow[]; pending: boolean; run: (work: () => Promise<Message>) => void }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(tag.name);
  const [renameError, setRenameError] = useState<string | null>(null);
  const [intoId, setIntoId] = useState("");
  const into = others.find((other) => other.id === intoId);

  function rename(event: FormEvent) {
    event.preventDefault();
    setRenameError(null);
    run(async () => {
      const result = await renameTagAction({ id: tag.id, name });
      if (!result.ok) {
        setRenameError(result.fieldErrors?.name ?? result.message);
        return { text: result.message, tone: "error" };
      }
      setRenaming(false);
      return { text: `Renamed “${tag.name}” to “${result.name}” on ${ticketsLabel(result.tickets)}.`, tone: "success" };
    });
  }

  const inputId = `tag-name-${tag.id}`;
  return (
    <li aria-label={tag.name} className="flex flex-wrap items-center gap-3 px-4 py-3">
      <div className="min-w-[10rem] flex-1">
        <p className="font-medium text-slate-900">{tag.name}</p>
        <p className="text-xs text-slate-500">
          {ticketsLabel(tag.tickets)}
          {tag.rules.length ? ` · added by ${tag.rules.length === 1 ? "the rule" : "the rules"} ${tag.rules.map((rule) => `“${rule}”`).join(", ")}` : ""}
        </p>
      </div>
      {renaming ? (
        <form onSubmit={rename} className="flex flex-wrap items-start gap-2">
          <div>
            <label htmlFor={inputId} className="sr-only">
              New name for {tag.name}
            </label>
            <input
              id={inputId}
              value={name}
              autoFocus
              maxLength={200}
              onChange={(event) => setName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Escape") setRenaming(false);
              }}
              aria-invalid={renameError ? true : undefined}
              aria-describedby={renameError ? `${inputId}-error` : undefined}
              className={`${inputClass} w-52`}
            />
            {renameError ? (
              <p id={`${inputId}-error`} className="mt-1 max-w-xs text-xs text-red-600">
                {renameError}
              </p>
            ) : null}
          </div>
          <Button type="submit" disabled={pending}>
            Save name
          </Button>
          <Button variant="ghost" disabled={pending} onClick={() => setRenaming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button
          variant="secondary"
          aria-label={`Rename ${tag.name}`}
          disabled={pending}
          onClick={() => {
            setName(tag.name);
            setRenameError(null);
            setRenaming(true);
          }}
        >
          Rename
        </Button>
      )}
      {others.length ? (
        <div className="flex items-center gap-2">
          <label htmlFor={`merge-${tag.id}`} className="sr-only">
            Merge {tag.name} into
          </label>
          <select
            id={`merge-${tag.id}`}
            value={intoId}
            disabled={pending}
            onChange={(event) => setIntoId(event.target.value)}
            className="rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
          >
            <option value="">Merge into…</option>
            {others.map((other) => (
              <option key={other.id} value={other.id}>
                {other.name}
              </option>
            ))}
          </select>
          <ConfirmButton
            label={`Merge ${tag.name} into ${into?.name ?? "another tag"}`}
            buttonText="Merge"
            confirmText="Merge tags"
            variant="secondary"
            description={`The ${ticketsLabel(tag.tickets)} tagged “${tag.name}” get “${into?.name ?? ""}” instead, rules that add “${tag.name}” add “${into?.name ?? ""}”, and “${tag.name}” is deleted.`}
            disabled={pending || !into}
            onConfirm={() =>
              run(async () => {
                const result = await mergeTagAction({ id: tag.id, intoId });
                return result.ok
                  ? { text: `Merged “${tag.name}” into “${result.into}” on ${ticketsLabel(result.tickets)}.`, tone: "success" }
                  : { text: result.message, tone: "error" };
              })
            }
          />
        </div>
      ) : null}
      <ConfirmButton
        label={`Delete ${tag.name}`}
        buttonText="Delete"
        confirmText="Delete tag"
        description={`“${tag.name}” comes off ${ticketsLabel(tag.tickets)} and out of the inbox's tag filter. The tickets themselves stay.`}
        disabled={pending}
        onConfirm={() =>
          run(async () => {
            const result = await deleteTagAction({ id: tag.id });
            return result.ok ? { text: `Deleted “${tag.name}” from ${ticketsLabel(result.tickets)}.`, tone: "success" } : { text: result.message, tone: "error" };
          })
        }
      />
    </li>
  );
}
