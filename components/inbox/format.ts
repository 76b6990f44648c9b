const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });
const dayMonthYear = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const full = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short" });

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** "14:05" today, "Yesterday", "3 Nov" this year, "3 Nov 2024" before. */
export function listTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days <= 0) return time.format(date);
  if (days === 1) return "Yesterday";
  return date.getFullYear() === now.getFullYear() ? dayMonth.format(date) : dayMonthYear.format(date);
}

export function clockTime(iso: string): string {
  return time.format(new Date(iso));
}

export function fullTime(iso: string): string {
  return full.format(new Date(iso));
}

/** The heading between days of a conversation. */
export function dayLabel(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";
  return date.getFullYear() === now.getFullYear() ? dayMonth.format(date) : dayMonthYear.format(date);
}

export function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

export function shortDay(iso: string): string {
  return dayMonthYear.format(new Date(iso));
}

const weekdayTime = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** "Mon 8 Dec, 09:00" on the agent's clock. */
export function shortDateTime(iso: string): string {
  return weekdayTime.format(new Date(iso));
}

/** When a snoozed ticket wakes, on the agent's clock: "today 14:05", "tomorrow 09:00", "Mon 8 Dec, 09:00". */
export function wakeTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(date) - startOfDay(now)) / 86_400_000);
  if (days === 0) return `today ${time.format(date)}`;
  if (days === 1) return `tomorrow ${time.format(date)}`;
  return weekdayTime.format(date);
}
