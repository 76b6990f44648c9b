import { addDays, firstOpeningAfterDay } from "@/lib/reports/business-time";
import { instantFromLocalTime, localTimeAt, WEEKDAYS, type BusinessHours } from "@/lib/rules/business-hours";

export interface SnoozePreset {
  id: "hour" | "tomorrow" | "monday";
  label: string;
  until: Date;
}

/** Where the day starts without business hours: 09:00 on the agent's own clock. */
const DEFAULT_START = "09:00";

/**
 * The snooze choices at `now`: in an hour; tomorrow when business opens (the next day it
 * opens, with business hours set); next Monday when business opens. Without business hours,
 * the day starts at 09:00 in `timeZone` (the agent's). Each is an instant; the agent's browser
 * shows it on their own clock.
 */
export function snoozePresets({ now, hours, timeZone }: { now: Date; hours: BusinessHours | null; timeZone: string }): SnoozePreset[] {
  const inAnHour = new Date(Math.ceil((now.getTime() + 3_600_000) / 60_000) * 60_000);
  const zone = hours?.timeZone ?? timeZone;
  const today = localTimeAt(now, zone);
  const toMonday = 7 - WEEKDAYS.indexOf(today.weekday);
  const dayStart = (days: number) => {
    const opening = hours ? firstOpeningAfterDay(hours, now, days) : null;
    return opening ?? (instantFromLocalTime(`${addDays(today.date, days).date}T${DEFAULT_START}`, zone) as Date);
  };
  return [
    { id: "hour", label: "In 1 hour", until: inAnHour },
    { id: "tomorrow", label: hours ? "Tomorrow, when business opens" : "Tomorrow morning", until: dayStart(1) },
    { id: "monday", label: hours ? "Next Monday, when business opens" : "Next Monday morning", until: dayStart(toMonday) },
  ];
}
