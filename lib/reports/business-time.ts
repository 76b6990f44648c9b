import { instantFromLocalTime, localTimeAt, parseClockTime, WEEKDAYS, type BusinessHours, type Weekday } from "@/lib/rules/business-hours";

const pad = (n: number) => String(n).padStart(2, "0");

/** The date `days` after a YYYY-MM-DD date, and its weekday. */
export function addDays(date: string, days: number): { date: string; weekday: Weekday } {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return {
    date: `${moved.getUTCFullYear()}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`,
    weekday: WEEKDAYS[(moved.getUTCDay() + 6) % 7] as Weekday,
  };
}

function instantAt(date: string, minutes: number, timeZone: string): number {
  const day = minutes >= 1440 ? addDays(date, 1).date : date;
  const rest = minutes % 1440;
  return (instantFromLocalTime(`${day}T${pad(Math.floor(rest / 60))}:${pad(rest % 60)}`, timeZone) as Date).getTime();
}

/**
 * The business's opening periods, as [opens, closes] instants, of every day from the day
 * before `from` (an overnight period that began then may still be open) to `to`'s day: each
 * on the wall clock of its time zone (so a day with a daylight-saving change is as long as
 * its clock says), with closed dates left out. A period belongs to the day it starts on, as
 * in businessHoursStatus.
 */
function openSpans(hours: BusinessHours, from: Date, to: Date): [number, number][] {
  const closed = new Set(hours.closedDates.map((closedDate) => closedDate.date));
  const last = localTimeAt(to, hours.timeZone).date;
  const spans: [number, number][] = [];
  for (let day = addDays(localTimeAt(from, hours.timeZone).date, -1); day.date <= last; day = addDays(day.date, 1)) {
    if (closed.has(day.date)) continue;
    for (const period of hours.periods) {
      if (period.day !== day.weekday) continue;
      const opens = parseClockTime(period.start);
      const closes = parseClockTime(period.end);
      if (opens === null || closes === null) continue;
      const openAt = instantAt(day.date, opens, hours.timeZone);
      const closeAt = instantAt(day.date, closes <= opens ? closes + 1440 : closes, hours.timeZone);
      if (closeAt > openAt) spans.push([openAt, closeAt]);
    }
  }
  return spans;
}

/** Milliseconds between `from` and `to` during which the business was open (openSpans). */
export function businessMillisBetween(hours: BusinessHours, from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  return openSpans(hours, from, to).reduce((total, [openAt, closeAt]) => total + Math.max(0, Math.min(closeAt, end) - Math.max(openAt, start)), 0);
}

/**
 * businessMillisBetween for many pairs of instants between `from` and `to`: the opening
 * periods of every day in between are worked out once, so each pair costs a binary search,
 * with no time-zone arithmetic (no formatter calls) per pair.
 */
export function businessClock(hours: BusinessHours, from: Date, to: Date): (fromMs: number, toMs: number) => number {
  const spans = openSpans(hours, from, to);
  spans.sort((a, b) => a[0] - b[0]);
  const opens = spans.map((span) => span[0]);
  const closes = spans.map((span) => span[1]);
  const longest = spans.reduce((most, [openAt, closeAt]) => Math.max(most, closeAt - openAt), 0);
  // Open time of the first i spans, in full.
  const before = [0];
  for (const [openAt, closeAt] of spans) before.push((before.at(-1) as number) + closeAt - openAt);
  /** Open time before `t`: each span that opened before it, less what of it comes after. */
  const openUntil = (t: number) => {
    let low = 0;
    let high = opens.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((opens[middle] as number) < t) low = middle + 1;
      else high = middle;
    }
    let total = before[low] as number;
    for (let i = low - 1; i >= 0 && (opens[i] as number) > t - longest; i--) total -= Math.max(0, (closes[i] as number) - t);
    return total;
  };
  return (fromMs, toMs) => (toMs <= fromMs ? 0 : openUntil(toMs) - openUntil(fromMs));
}

const DAY_MS = 86_400_000;

/**
 * The latest instant from which `millis` of open time have passed by `now` (openSpans,
 * walked back from `now`): whatever started at or before it has waited at least that long
 * in business hours. Null when the schedule has not been open that long in the last year.
 */
export function businessCutoff(hours: BusinessHours, now: Date, millis: number): Date | null {
  const end = now.getTime();
  let remaining = millis;
  let windowEnd = end;
  for (let days = 7; windowEnd > end - 366 * DAY_MS; days *= 2) {
    const windowStart = Math.max(end - 366 * DAY_MS, windowEnd - days * DAY_MS);
    const spans = openSpans(hours, new Date(windowStart), new Date(windowEnd))
      .map(([openAt, closeAt]): [number, number] => [Math.max(openAt, windowStart), Math.min(closeAt, windowEnd)])
      .filter(([openAt, closeAt]) => closeAt > openAt)
      .sort((a, b) => b[1] - a[1]);
    // Overnight periods can overlap the next day's: count each moment once, latest first.
    let covered = windowEnd;
    for (const [openAt, closeAt] of spans) {
      const top = Math.min(closeAt, covered);
      if (top <= openAt) continue;
      if (top - openAt >= remaining) return new Date(top - remaining);
      remaining -= top - openAt;
      covered = openAt;
    }
    windowEnd = windowStart;
  }
  return null;
}

/** When the business next opens after `after` on a later day of its calendar than `after`'s, within two weeks; null if it does not. */
export function firstOpeningAfterDay(hours: BusinessHours, after: Date, minDays = 1): Date | null {
  const today = localTimeAt(after, hours.timeZone).date;
  const from = addDays(today, minDays).date;
  const opens = openSpans(hours, after, new Date(after.getTime() + 15 * DAY_MS))
    .map(([openAt]) => openAt)
    .filter((openAt) => localTimeAt(new Date(openAt), hours.timeZone).date >= from)
    .sort((a, b) => a - b);
  return opens.length ? new Date(opens[0] as number) : null;
}
