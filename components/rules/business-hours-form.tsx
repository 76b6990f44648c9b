"use client";

import { useRef, useState, useSyncExternalStore, useTransition, type FormEvent } from "react";
import { saveBusinessHoursAction } from "@/lib/rules/actions";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { FormMessage, inputClass, SelectField } from "@/components/ui/field";
import { Card } from "@/components/ui/page";
import { nextPeriod, WEEKDAY_NAMES, WEEKDAYS, type BusinessHours, type Weekday } from "@/lib/rules/business-hours";

// The shared input style is full-width; these sit side by side.
const inlineInput = (width: string) => `${inputClass.replace("block w-full", "inline-block")} ${width}`;

interface PeriodDraft {
  key: string;
  start: string;
  end: string;
}
interface ClosedDraft {
  key: string;
  date: string;
  label: string;
}

const noSubscription = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || null;

function initialPeriods(hours: BusinessHours): Record<Weekday, PeriodDraft[]> {
  const byDay = Object.fromEntries(WEEKDAYS.map((day) => [day, [] as PeriodDraft[]])) as Record<Weekday, PeriodDraft[]>;
  hours.periods.forEach((period, index) => byDay[period.day].push({ key: `p${index}`, start: period.start, end: period.end }));
  return byDay;
}

export function BusinessHoursForm({ initial, timeZones, saved }: { initial: BusinessHours; timeZones: string[]; saved: boolean }) {
  const [chosenZone, setTimeZone] = useState<string | null>(saved ? initial.timeZone : null);
  // Nothing saved yet: suggest the time zone this browser is in (the server cannot know it).
  const browserZone = useSyncExternalStore(noSubscription, browserTimeZone, () => null);
  const timeZone = chosenZone ?? (browserZone && timeZones.includes(browserZone) ? browserZone : initial.timeZone);
  const [periods, setPeriods] = useState(() => initialPeriods(initial));
  const [closed, setClosed] = useState<ClosedDraft[]>(() => initial.closedDates.map((d, i) => ({ key: `d${i}`, ...d })));
  const [state, setState] = useState<{ ok: boolean; message: string; fieldErrors?: Record<string, string> } | null>(null);
  const [pending, startTransition] = useTransition();
  const counter = useRef(0);
  const key = (prefix: string) => `${prefix}new${counter.current++}`;

  // Errors come back by position in the flat list the server sees; map them to rows.
  const flat = WEEKDAYS.flatMap((day) => periods[day].map((period) => ({ day, ...period })));
  const periodError = (periodKey: string, field: "start" | "end") => {
    const index = flat.findIndex((period) => period.key === periodKey);
    return state?.fieldErrors?.[`periods.${index}.${field}`];
  };
  const setDay = (day: Weekday, list: PeriodDraft[]) => setPeriods((current) => ({ ...current, [day]: list }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const payload = {
      timeZone,
      periods: flat.map(({ day, start, end }) => ({ day, start, end })),
      closedDates: closed.map(({ date, label }) => ({ date, label })),
    };
    startTransition(async () => {
      const result = await saveBusinessHoursAction(payload);
      setState(result.ok ? { ok: true, message: "Business hours saved. Rules use them from the next message." } : result);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <Card className="p-6">
        <SelectField label="Time zone" name="timeZone" value={timeZone} onChange={(event) => setTimeZone(event.target.value)} error={state?.fieldErrors?.timeZone}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, " ")}
            </option>
          ))}
        </SelectField>
      </Card>

      <Card className="p-6">
        <h2 className="text-base font-semibold text-slate-900">Weekly hours</h2>
        <p className="mt-1 text-sm text-slate-600">A day with no hours is closed. Add several periods for a lunch break. A closing time before the opening time runs past midnight: Friday 22:00 to 02:00 is open until 2 in the morning on Saturday. 00:00 to 00:00 is open all day.</p>
        <div className="mt-4 divide-y divide-slate-100">
          {WEEKDAYS.map((day) => (
            <fieldset key={day} className="grid gap-3 py-3 sm:grid-cols-[8rem_1fr]">
              <legend className="sr-only">{WEEKDAY_NAMES[day]}</legend>
              <p aria-hidden className="pt-2 text-sm font-medium text-slate-800">
                {WEEKDAY_NAMES[day]}
              </p>
              <div className="space-y-2">
                {periods[day].length === 0 ? <p className="pt-2 text-sm text-slate-500">Closed</p> : null}
                {periods[day].map((period, index) => {
                  const name = `${WEEKDAY_NAMES[day]}${periods[day].length > 1 ? ` period ${index + 1}` : ""}`;
                  const update = (change: Partial<PeriodDraft>) => setDay(day, periods[day].map((p) => (p.key === period.key ? { ...p, ...change } : p)));
                  const error = periodError(period.key, "start") ?? periodError(period.key, "end");
                  return (
                    <div key={period.key} className="flex flex-wrap items-center gap-2">
                      <input type="time" aria-label={`${name} opens`} value={period.start} onChange={(e) => update({ start: e.target.value })} className={inlineInput("w-36")} required />
                      <span className="text-sm text-slate-500">to</span>
                      <input type="time" aria-label={`${name} closes`} value={period.end} onChange={(e) => update({ end: e.target.value })} className={inlineInput("w-36")} required />
                      <Button variant="ghost" aria-label={`Remove ${name} hours`} onClick={() => setDay(day, periods[day].filter((p) => p.key !== period.key))}>
                        Remove
                      </Button>
                      {error ? <p className="w-full text-sm text-red-600">{error}</p> : null}
                    </div>
                  );
                })}
                <div className="flex flex-wrap gap-2">
                  <button type="button" className={buttonClass("ghost", "text-brand-700")} onClick={() => setDay(day, [...periods[day], { key: key("p"), ...nextPeriod(periods[day]) }])}>
                    Add hours on {WEEKDAY_NAMES[day]}
                  </button>
                  {day === "mon" && periods.mon.length > 0 ? (
                    <button
                      type="button"
                      className={buttonClass("ghost")}
                      onClick={() => setPeriods((current) => ({ ...current, ...Object.fromEntries((["tue", "wed", "thu", "fri"] as const).map((d) => [d, current.mon.map((p) => ({ ...p, key: key("p") }))])) }))}
                    >
                      Copy Monday to Tuesday–Friday
                    </button>
                  ) : null}
                </div>
              </div>
            </fieldset>
          ))}
        </div>
      </Card>

      <Card className="p-6">
        <h2 className="text-base font-semibold text-slate-900">Closed dates</h2>
        <p className="mt-1 text-sm text-slate-600">Holidays and other days you are closed, whatever the weekly hours say.</p>
        {state?.fieldErrors?.closedDates ? <p className="mt-2 text-sm text-red-600">{state.fieldErrors.closedDates}</p> : null}
        <ul className="mt-4 space-y-2">
          {closed.length === 0 ? <li className="text-sm text-slate-500">No closed dates.</li> : null}
          {closed.map((entry, index) => {
            const update = (change: Partial<ClosedDraft>) => setClosed(closed.map((c) => (c.key === entry.key ? { ...c, ...change } : c)));
            const error = state?.fieldErrors?.[`closedDates.${index}.date`] ?? state?.fieldErrors?.[`closedDates.${index}.label`];
            return (
              <li key={entry.key} className="flex flex-wrap items-center gap-2">
                <input type="date" aria-label={`Closed date ${index + 1}`} value={entry.date} onChange={(e) => update({ date: e.target.value })} className={inlineInput("w-44")} required />
                <input type="text" aria-label={`Name of closed date ${index + 1}`} placeholder="Christmas" value={entry.label} maxLength={60} onChange={(e) => update({ label: e.target.value })} className={inlineInput("w-56")} />
                <Button variant="ghost" aria-label={`Remove closed date ${index + 1}`} onClick={() => setClosed(closed.filter((c) => c.key !== entry.key))}>
                  Remove
                </Button>
                {error ? <p className="w-full text-sm text-red-600">{error}</p> : null}
              </li>
            );
          })}
        </ul>
        <button type="button" className={buttonClass("secondary", "mt-3")} onClick={() => setClosed([...closed, { key: key("d"), date: "", label: "" }])}>
          Add closed date
        </button>
      </Card>

      <FormMessage message={state?.message} tone={state?.ok ? "success" : "error"} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save business hours"}
      </Button>
    </form>
  );
}
