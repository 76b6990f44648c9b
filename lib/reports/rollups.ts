import type { ReportScope } from "@/db/queries/reports";

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function offsetOf(timeZone: string, at: Date): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    formats.set(timeZone, format);
  }
  return format.formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
}

/**
 * Whether `timeZone` is a whole number of hours from UTC all through [from, to), so that each
 * UTC hour of the rollups falls in one local hour and day. Offsets change at most a few times
 * a year, and the zones with half or quarter hours (India, Nepal, Lord Howe's summer…) keep
 * them for months, so one look a day finds them.
 */
export function wholeHourOffsets(timeZone: string, from: Date, to: Date): boolean {
  for (let at = from.getTime(); at < to.getTime() + DAY_MS; at += DAY_MS) {
    if (/:(?!00)\d\d$/.test(offsetOf(timeZone, new Date(Math.min(at, to.getTime() - 1))))) return false;
  }
  return true;
}

/** Whether the hourly rollups give the scope's figures: not with a tag (tags change after the fact), not on a half-hour clock. */
export function rollupsFit(scope: ReportScope): boolean {
  return !scope.tag && wholeHourOffsets(scope.timeZone, scope.from, scope.to);
}
