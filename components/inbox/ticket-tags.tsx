"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { checkTagName, normalizeTagName } from "@/lib/tags/name";
import { inboxApi } from "./api";
import { inboxKeys } from "./query-keys";

type Option = { name: string; isNew: boolean };

/**
 * The ticket's tags in its header: each with a button to take it off, and "Add tag", a
 * combobox that suggests existing tags as one types (arrows to choose, Enter to add,
 * Escape to leave) and offers to create the typed one when no tag has that name.
 */
export function TicketTags({ ticketId, tags }: { ticketId: string; tags: readonly string[] }) {
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState("");
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const errorId = useId();

  const typed = normalizeTagName(text);
  const suggestions = useQuery({
    queryKey: inboxKeys.tagSuggestions(typed),
    queryFn: () => inboxApi.tags(typed),
    enabled: adding,
    placeholderData: keepPreviousData,
    select: (data) => data.tags,
  });
  const existing = (suggestions.data ?? []).filter((name) => !tags.includes(name));
  const options: Option[] = [
    ...existing.map((name) => ({ name, isNew: false })),
    ...(typed && !tags.includes(typed) && !(suggestions.data ?? []).includes(typed) && checkTagName(text).ok ? [{ name: typed, isNew: true }] : []),
  ];

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: inboxKeys.ticket(ticketId) }),
      queryClient.invalidateQueries({ queryKey: inboxKeys.thread(ticketId) }),
      queryClient.invalidateQueries({ queryKey: inboxKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: inboxKeys.counts() }),
      queryClient.invalidateQueries({ queryKey: inboxKeys.tags() }),
    ]);
  const add = useMutation({
    mutationFn: (name: string) => inboxApi.tag(ticketId, name),
    // The box empties as the tag is sent (the live update may show the tag before the answer
    // does); a refusal puts the name back with the reason.
    onError: (failure, name) => {
      setText((current) => current || name);
      setError(failure.message);
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (name: string) => inboxApi.untag(ticketId, name),
    onError: (failure) => setError(failure.message),
    onSettled: refresh,
  });

  function submit(name: string) {
    const checked = checkTagName(name);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    setError(null);
    setText("");
    setActive(-1);
    // A tag typed while the one before is still on its way goes too; Enter held down on one
    // name sends it once.
    if (add.isPending && add.variables === checked.name) return;
    add.mutate(checked.name);
  }

  function close() {
    setAdding(false);
    setText("");
    setActive(-1);
    setError(null);
    requestAnimationFrame(() => addButtonRef.current?.focus());
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!options.length) return;
      const last = options.length - 1;
      setActive((current) => (event.key === "ArrowDown" ? (current < last ? current + 1 : 0) : current > 0 ? current - 1 : last));
    } else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = options[active];
      if (chosen) submit(chosen.name);
      else if (text.trim()) submit(text);
    } else if (event.key === "Escape") {
      // The tag box closes; the inbox's own Escape (leave the ticket) waits for the next one.
      event.preventDefault();
      close();
    }
  }

  const activeOption = options[active];
  return (
    <div className="flex flex-wrap items-center gap-1">
      <ul aria-label="Tags on this ticket" className="flex flex-wrap items-center gap-1">
        {tags.map((tag) => (
          <li key={tag} className="flex items-center rounded-full bg-indigo-50 pl-1.5 text-xs font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200">
            {tag}
            <button
              type="button"
              aria-label={`Remove tag ${tag}`}
              title={`Remove tag ${tag}`}
              disabled={remove.isPending}
              onClick={() => {
                setError(null);
                remove.mutate(tag);
              }}
              className="ml-0.5 rounded-full px-1 text-indigo-500 hover:bg-indigo-100 hover:text-indigo-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {adding ? (
        <div className="relative">
          <input
            ref={inputRef}
            autoFocus
            role="combobox"
            aria-label="Add a tag"
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={activeOption ? `${listId}-${active}` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            value={text}
            maxLength={200}
            placeholder="Tag name"
            aria-busy={add.isPending}
            onChange={(event) => {
              setText(event.target.value);
              setActive(-1);
              setError(null);
            }}
            onKeyDown={onKeyDown}
            onBlur={(event) => {
              // Leaving for one of the suggestions (a click) keeps the box open.
              if (!event.relatedTarget?.closest(`[data-tag-box="${listId}"]`) && !text) close();
            }}
            className="w-40 rounded-md border-0 bg-white px-2 py-1 text-xs ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
          />
          <ul
            id={listId}
            role="listbox"
            aria-label="Tags to add"
            data-tag-box={listId}
            className={options.length ? "absolute left-0 top-full z-20 mt-1 max-h-60 w-56 overflow-y-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200" : "hidden"}
          >
            {options.map((option, index) => (
              <li
                key={`${option.isNew ? "new" : "tag"}:${option.name}`}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => submit(option.name)}
                className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-50"}`}
              >
                {option.isNew ? `Create tag “${option.name}”` : option.name}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <button
          ref={addButtonRef}
          type="button"
          onClick={() => {
            setError(null);
            setAdding(true);
          }}
          className="rounded-full px-2 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
        >
          + Add tag
        </button>
      )}
      {error ? (
        <p id={errorId} role="alert" className="w-full text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
