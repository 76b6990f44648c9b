"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { BusinessHours } from "@/lib/rules/business-hours";
import { snoozePresets, type SnoozePreset } from "@/lib/tickets/snooze-presets";
import { Button } from "@/components/ui/button";
import { FormMessage, inputClass } from "@/components/ui/field";
import type { inboxApi } from "./api";
import { fullTime, wakeTime } from "./format";

type Action = Parameters<typeof inboxApi.act>[1];

export interface SnoozeProps {
  /** Business hours, where "tomorrow" and "next Monday" begin; without them, 09:00 on the agent's clock. */
  hours: BusinessHours | null;
  /** The dialog of choices is open (the s key opens it too). */
  open: boolean;
  setOpen: (open: boolean) => void;
}

interface Props extends SnoozeProps {
  snoozedUntil: string | null;
  act: UseMutationResult<{ ok: true }, Error, Action>;
}

const pad = (n: number) => String(n).padStart(2, "0");
/** A datetime-local value on this browser's clock. */
const localValue = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;

/** Snooze (s): a few times to choose from, or a date and time, each shown on the agent's clock; Unsnooze wakes it now. */
export function SnoozeControl({ snoozedUntil, act, hours, open, setOpen }: Props) {
  return (
    <>
      {snoozedUntil ? (
        <>
          <span className="rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800" title={fullTime(snoozedUntil)} suppressHydrationWarning>
            Snoozed until {wakeTime(snoozedUntil)}
          </span>
          <Button variant="secondary" disabled={act.isPending} onClick={() => act.mutate({ action: "unsnooze" })}>
            Unsnooze
          </Button>
        </>
      ) : null}
      <Button variant="secondary" disabled={act.isPending} onClick={() => setOpen(true)} title="Snooze (s)" aria-keyshortcuts="s">
        {snoozedUntil ? "Change snooze" : "Snooze"}
      </Button>
      {open ? <SnoozeDialog act={act} hours={hours} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function SnoozeDialog({ act, hours, onClose }: { act: Props["act"]; hours: BusinessHours | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [now] = useState(() => new Date());
  const [presets] = useState<SnoozePreset[]>(() => snoozePresets({ now, hours, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" }));
  const [custom, setCustom] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  function snooze(until: Date) {
    setError(null);
    act.mutate({ action: "snooze", until: until.toISOString() }, { onSuccess: onClose, onError: (failure) => setError(failure.message) });
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const until = custom ? new Date(custom) : null;
    if (!until || Number.isNaN(until.getTime())) return setError("Choose a date and time to wake the ticket.");
    if (until.getTime() <= Date.now()) return setError("That time has passed. Choose a time in the future.");
    snooze(until);
  }

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="snooze-title" aria-describedby="snooze-about" className="m-auto w-full max-w-sm rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
      <h2 id="snooze-title" className="text-base font-semibold">
        Snooze until…
      </h2>
      <p id="snooze-about" className="mt-1 text-sm text-slate-600">
        The ticket leaves Open and waits under Snoozed. It comes back at that time, or as soon as the customer writes. Times are on your clock.
      </p>
      <ul className="mt-4 space-y-2" aria-label="Snooze choices">
        {presets.map((preset, index) => (
          <li key={preset.id}>
            <Button variant="secondary" className="flex w-full justify-between gap-3" disabled={act.isPending} onClick={() => snooze(preset.until)} autoFocus={index === 0}>
              <span>{preset.label}</span>
              <span className="text-slate-500">{wakeTime(preset.until.toISOString(), now)}</span>
            </Button>
          </li>
        ))}
      </ul>
      <form onSubmit={onSubmit} className="mt-4 space-y-2" noValidate>
        <label htmlFor="snooze-custom" className="block text-sm font-medium text-slate-700">
          Pick a date and time
        </label>
        <div className="flex gap-2">
          <input
            id="snooze-custom"
            type="datetime-local"
            value={custom}
            min={localValue(now)}
            onChange={(event) => setCustom(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "snooze-error" : undefined}
            className={inputClass}
          />
          <Button type="submit" disabled={act.isPending}>
            Snooze
          </Button>
        </div>
      </form>
      <div id="snooze-error" aria-live="polite" className="mt-2">
        {error ? <FormMessage message={error} /> : null}
      </div>
      <div className="mt-4 flex justify-end">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </dialog>
  );
}
