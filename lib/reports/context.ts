import type { DbOrTx } from "@/db/client";
import type { DayCount, ReportScope } from "@/db/queries/reports";
import type { BusinessHours } from "@/lib/rules/business-hours";
import type { ReportRow } from "./charts";
import type { ReportPeriod } from "./period";
import type { SmsPrice } from "./prices";

export interface ReportContext {
  db: DbOrTx;
  period: ReportPeriod;
  integrationId: string | null;
  /** Tickets assigned to this agent only (an agent's own report, or an admin's agent filter). */
  assigneeId: string | null;
  tag: string | null;
  /** Set: response times count business hours only. */
  hours: BusinessHours | null;
  prices: SmsPrice[];
  /** An agent sees only their own row of the agents' table. */
  viewerAgentId: string | null;
}

export function scopeOf(context: ReportContext, from: Date, to: Date): ReportScope {
  return { from, to, timeZone: context.period.timeZone, integrationId: context.integrationId, assigneeId: context.assigneeId, tag: context.tag };
}

/** Both periods in one query: previous start to end. */
export const bothPeriods = (context: ReportContext) => scopeOf(context, context.period.previousStart, context.period.end);
export const currentPeriod = (context: ReportContext) => scopeOf(context, context.period.start, context.period.end);
export const previousPeriod = (context: ReportContext) => scopeOf(context, context.period.previousStart, context.period.start);

export const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Rows of the period's days, each key's count that day (0 when none), and each key's totals now and before. */
export function daily(period: ReportPeriod, counts: DayCount[], keys: readonly string[]) {
  const byDay = new Map<string, number>();
  for (const { day, key, n } of counts) byDay.set(`${day}|${key}`, (byDay.get(`${day}|${key}`) ?? 0) + n);
  const rows = period.days.map((day) => Object.fromEntries([["day", day], ...keys.map((key) => [key, byDay.get(`${day}|${key}`) ?? 0])]) as ReportRow);
  const total = (days: string[], key: string) => sum(days.map((day) => byDay.get(`${day}|${key}`) ?? 0));
  return { rows, current: (key: string) => total(period.days, key), previous: (key: string) => total(period.previousDays, key) };
}

export function hoursNote(context: ReportContext): string {
  return context.hours && context.hours.periods.length > 0
    ? `In business hours (${context.hours.timeZone}): time while you are closed does not count.`
    : "In clock hours: set business hours under Settings → Business hours to count only open hours.";
}

