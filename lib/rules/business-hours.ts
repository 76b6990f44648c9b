/**
 * Business hours: a time zone, weekly opening periods (several a day, and overnight ones
 * such as Fri 22:00–02:00), and closed dates. Everything is computed on the wall clock of
 * the business's time zone with Intl, so daylight-saving changes need no special case.
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

/**
 * Opening on `day` from `start` to `end` ("HH:MM"). An end at or before the start runs past
 * midnight into the next day, so 18:00–00:00 is "until midnight" and 00:00–00:00 all day.
 */
export interface OpeningPeriod {
  day: Weekday;
  start: string;
  end: string;
}

/** A date (YYYY-MM-DD, in the business's time zone) on which periods starting that day do not open. */
export interface ClosedDate {
  date: string;
  label: string;
}

export interface BusinessHours {
  timeZone: string;
  periods: OpeningPeriod[];
  closedDates: ClosedDate[];
}

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
  /** HH:MM */
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      // h23, not hour12: false, which some engines render as "24" at midnight.
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Every IANA time zone this runtime knows, for the settings select. */
export function listTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : [...zones, "UTC"];
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

const pad = (n: number) => String(n).padStart(2, "0");

function weekdayOf(year: number, month: number, day: number): Weekday {
  // getUTCDay: 0 is Sunday.
  const index = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return WEEKDAYS[index] as Weekday;
}

/** The date and time on the business's wall clock at `instant`. */
export function localTimeAt(instant: Date, timeZone: string): LocalTime {
  const clock = wallClock(instant, timeZone);
  return {
    date: `${clock.year}-${pad(clock.month)}-${pad(clock.day)}`,
    weekday: weekdayOf(clock.year, clock.month, clock.day),
    minutes: clock.hour * 60 + clock.minute,
    time: `${pad(clock.hour)}:${pad(clock.minute)}`,
  };
}

/** "HH:MM" to minutes since midnight; "24:00" is 1440. Null when malformed. */
export function parseClockTime(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) return 1440;
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

const clockOf = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** A new period on a day: 09:00–17:00 when it has none, else from the last one's closing time for an hour (until 23:59 at most). */
export function nextPeriod(existing: { start: string; end: string }[]): { start: string; end: string } {
  const last = existing.at(-1);
  if (!last) return { start: "09:00", end: "17:00" };
  const start = parseClockTime(last.start);
  const end = parseClockTime(last.end);
  // After an overnight period, or one that closes at the end of the day, there is no later time that day.
  if (start === null || end === null || end <= start || end >= 23 * 60 + 59) return { start: "", end: "" };
  return { start: clockOf(end), end: clockOf(Math.min(end + 60, 23 * 60 + 59)) };
}

function previousDate(date: string): { date: string; weekday: Weekday } {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const before = new Date(Date.UTC(year, month - 1, day - 1));
  const y = before.getUTCFullYear();
  const m = before.getUTCMonth() + 1;
  const d = before.getUTCDate();
  return { date: `${y}-${pad(m)}-${pad(d)}`, weekday: weekdayOf(y, m, d) };
}

export type BusinessHoursStatus =
  | { open: true; local: LocalTime }
  | { open: false; local: LocalTime; closedDate: ClosedDate | null };

/**
 * Whether the business is open at `instant`, and the local time it was. A period belongs to
 * the day it starts on: a closed date cancels the periods that start on it, including the
 * part of an overnight period that runs into the next morning.
 */
export function businessHoursStatus(hours: BusinessHours, instant: Date): BusinessHoursStatus {
  const local = localTimeAt(instant, hours.timeZone);
  const closed = new Map(hours.closedDates.map((closedDate) => [closedDate.date, closedDate]));
  const yesterday = previousDate(local.date);

  for (const period of hours.periods) {
    const start = parseClockTime(period.start);
    const end = parseClockTime(period.end);
    if (start === null || end === null) continue;
    const overnight = end <= start;
    if (period.day === local.weekday && !closed.has(local.date) && local.minutes >= start && (overnight || local.minutes < end)) {
      return { open: true, local };
    }
    if (overnight && period.day === yesterday.weekday && !closed.has(yesterday.date) && local.minutes < end) {
      return { open: true, local };
    }
  }
  return { open: false, local, closedDate: closed.get(local.date) ?? null };
}

export function isWithinBusinessHours(hours: BusinessHours, instant: Date): boolean {
  return businessHoursStatus(hours, instant).open;
}

function offsetAt(utcMs: number, timeZone: string): number {
  const clock = wallClock(new Date(utcMs), timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time ("YYYY-MM-DDTHH:MM") happens in `timeZone`. A time that
 * does not exist (skipped by a spring-forward change) comes out an hour later, as clocks show.
 */
export function instantFromLocalTime(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(asUtc)) return null;
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  return new Date(offsetAt(second, timeZone) === offsetAt(first, timeZone) ? second : Math.max(first, second));
}

/** "YYYY-MM-DDTHH:MM" on the business's wall clock, for a datetime-local input. */
export function localInputValue(instant: Date, timeZone: string): string {
  const local = localTimeAt(instant, timeZone);
  return `${local.date}T${local.time}`;
}

/** "Mon 21:30" in words for timelines and the test panel. */
export function describeLocalTime(local: LocalTime): string {
  return `${WEEKDAY_NAMES[local.weekday]} ${local.date} at ${local.time}`;
}
