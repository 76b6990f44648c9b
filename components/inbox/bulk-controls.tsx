"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import type { BusinessHours } from "@/lib/rules/business-hours";
import { checkTagName, normalizeTagName } from "@/lib/tags/name";
import { snoozePresets } from "@/lib/tickets/snooze-presets";
import { Button } from "@/components/ui/button";
import { inboxApi } from "./api";
import { wakeTime } from "./format";
import { inboxKeys } from "./query-keys";

const controlClass = "rounded-md border-0 bg-white py-1.5 pl-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

/**
 * Tag or untag the selected tickets: an existing tag (suggested as one types) or a new one,
 * normalised as everywhere else ("VIP " is "vip"); Enter adds it.
 */
export function BulkTagForm({ disabled, onTag }: { disabled: boolean; onTag: (action: "tag" | "untag", name: string) => void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const typed = normalizeTagName(text);
  const suggestions = useQuery({ queryKey: inboxKeys.tagSuggestions(typed), queryFn: () => inboxApi.tags(typed), placeholderData: keepPreviousData, select: (data) => data.tags });

  function send(action: "tag" | "untag") {
    const checked = checkTagName(text);
    if (!checked.ok) return setError(checked.message);
    setError(null);
    setText("");
    onTag(action, checked.name);
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send("tag");
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-1" noValidate aria-label="Tag the selected tickets">
      <label htmlFor={`${id}-tag`} className="sr-only">
        Tag name for the selected tickets
      </label>
      <input
        id={`${id}-tag`}
        list={`${id}-tags`}
        value={text}
        maxLength={200}
        placeholder="Tag…"
        autoComplete="off"
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${controlClass} w-32 pr-2`}
      />
      <datalist id={`${id}-tags`}>
        {(suggestions.data ?? []).map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <Button type="submit" variant="secondary" className="px-2.5 py-1.5" disabled={disabled}>
        Add tag
      </Button>
      <Button type="button" variant="secondary" className="px-2.5 py-1.5" disabled={disabled} onClick={() => send("untag")}>
        Remove tag
      </Button>
      {error ? (
        <p id={`${id}-error`} role="alert" className="w-full text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}

const pad = (n: number) => String(n).padStart(2, "0");
const localValue = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;

/** Snooze the selected tickets: the single ticket's choices (in an hour, tomorrow, next Monday) or a picked date and time. */
export function BulkSnoozePicker({ disabled, hours, onSnooze }: { disabled: boolean; hours: BusinessHours | null; onSnooze: (until: string) => void }) {
  const [picking, setPicking] = useState(false);
  const [custom, setCustom] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const now = new Date();
  const presets = snoozePresets({ now, hours, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const until = custom ? new Date(custom) : null;
    if (!until || Number.isNaN(until.getTime())) return setError("Choose a date and time to wake the tickets.");
    if (until.getTime() <= Date.now()) return setError("That time has passed. Choose a time in the future.");
    setError(null);
    setPicking(false);
    setCustom("");
    onSnooze(until.toISOString());
  }

  return (
    <div className="flex flex-wrap items-center gap-1">
      <label htmlFor={`${id}-snooze`} className="sr-only">
        Snooze the selected tickets until
      </label>
      <select
        id={`${id}-snooze`}
        value=""
        disabled={disabled}
        onChange={(event) => {
          const value = event.target.value;
          if (value === "pick") setPicking(true);
          else if (value) onSnooze(value);
        }}
        className={`${controlClass} pr-8`}
      >
        <option value="">Snooze until…</option>
        {presets.map((preset) => (
          <option key={preset.id} value={preset.until.toISOString()}>
            {preset.label} ({wakeTime(preset.until.toISOString(), now)})
          </option>
        ))}
        <option value="pick">Pick a date and time…</option>
      </select>
      {picking ? (
        <form onSubmit={onSubmit} className="flex items-center gap-1" noValidate>
          <label htmlFor={`${id}-custom`} className="sr-only">
            Wake the selected tickets at
          </label>
          <input
            id={`${id}-custom`}
            type="datetime-local"
            autoFocus
            value={custom}
            min={localValue(now)}
            onChange={(event) => setCustom(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className={`${controlClass} pr-2`}
          />
          <Button type="submit" variant="secondary" className="px-2.5 py-1.5" disabled={disabled}>
            Snooze them
          </Button>
          <Button type="button" variant="ghost" className="px-2.5 py-1.5" onClick={() => setPicking(false)}>
            Cancel
          </Button>
        </form>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="w-full text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
