import { businessCutoff, businessMillisBetween } from "@/lib/reports/business-time";
import type { BusinessHours } from "@/lib/rules/business-hours";

/** What the inbox measures waiting with: the first-response target, and the business hours it counts in (all the time without them). */
export interface WaitingClock {
  targetMinutes: number | null;
  hours: BusinessHours | null;
}

/** How long a customer waiting since `since` has waited by `now`: in business hours when they are set. */
export function waitedMillis(clock: WaitingClock, since: Date, now: Date): number {
  return clock.hours ? businessMillisBetween(clock.hours, since, now) : Math.max(0, now.getTime() - since.getTime());
}

export function isPastTarget(clock: WaitingClock, since: Date, now: Date): boolean {
  return clock.targetMinutes !== null && waitedMillis(clock, since, now) >= clock.targetMinutes * 60_000;
}

/**
 * Past target means waiting since this instant or before: the target back from `now`, in
 * business hours when they are set. One instant for the whole list, so the database compares
 * a column with it rather than working out hours per ticket. Null: no target, or no ticket can
 * be past it yet.
 */
export function overdueSince(clock: WaitingClock, now: Date): Date | null {
  if (!clock.targetMinutes) return null;
  const millis = clock.targetMinutes * 60_000;
  return clock.hours ? businessCutoff(clock.hours, now, millis) : new Date(now.getTime() - millis);
}

/** "4 min", "2 h 5 min", "3 d 2 h": a wait in words, to the minute. */
export function durationWords(millis: number): string {
  const minutes = Math.floor(millis / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
