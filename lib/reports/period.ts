import { z } from "zod";
import { instantFromLocalTime, localTimeAt } from "@/lib/rules/business-hours";
import { addDays } from "./business-time";

export const RANGES = ["7", "30", "90", "custom"] as const;
export type RangeChoice = (typeof RANGES)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

const optionalId = z
  .string()
  .trim()
  .transform((value) => value || null)
  .pipe(z.uuid({ message: "Choose an integration or agent from the list." }).nullable())
  .optional()
  .transform((value) => value ?? null);

/** What the reports page and its CSV read from the URL. */
export const reportFiltersSchema = z
  .object({
    range: z.enum(RANGES, { message: "Choose the last 7, 30 or 90 days, or custom dates." }).default("30"),
    from: z.string().regex(DATE, "Give the first day as YYYY-MM-DD.").optional(),
    to: z.string().regex(DATE, "Give the last day as YYYY-MM-DD.").optional(),
    integration: optionalId,
    agent: optionalId,
    tag: z
      .string()
      .trim()
      .max(50, "A tag has at most 50 characters.")
      .optional()
      .transform((value) => value || null),
  })
  .superRefine((value, context) => {
    if (value.range !== "custom") return;
    if (!value.from || !value.to) {
      context.addIssue({ code: "custom", path: ["from"], message: "Give both the first and the last day of a custom range." });
      return;
    }
    if (value.from > value.to) context.addIssue({ code: "custom", path: ["to"], message: "The last day comes before the first one." });
    else if (daysBetween(value.from, value.to) + 1 > MAX_DAYS) context.addIssue({ code: "custom", path: ["to"], message: `A report covers at most ${MAX_DAYS} days.` });
  });

export type ReportFilters = z.infer<typeof reportFiltersSchema>;

/** Filters from URL search params: the first value of each, unknown keys ignored. */
export function parseReportFilters(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const read = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return (Array.isArray(value) ? value[0] : value) ?? undefined;
  };
  return reportFiltersSchema.safeParse({ range: read("range") || undefined, from: read("from") || undefined, to: read("to") || undefined, integration: read("integration"), agent: read("agent"), tag: read("tag") });
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface ReportPeriod {
  timeZone: string;
  /** The local dates of the period, first to last. */
  days: string[];
  start: Date;
  /** Exclusive: the first moment after the last day. */
  end: Date;
  /** The same number of days just before. */
  previousStart: Date;
  previousDays: string[];
}

function startOf(date: string, timeZone: string): Date {
  return instantFromLocalTime(`${date}T00:00`, timeZone) as Date;
}

/** The report's days on the business's wall clock: the last N days including today, or the custom dates. */
export function reportPeriod(filters: Pick<ReportFilters, "range" | "from" | "to">, timeZone: string, now = new Date()): ReportPeriod {
  const today = localTimeAt(now, timeZone).date;
  const first = filters.range === "custom" && filters.from ? filters.from : addDays(today, -(Number(filters.range) - 1)).date;
  const last = filters.range === "custom" && filters.to ? filters.to : today;
  const count = daysBetween(first, last) + 1;
  const days = Array.from({ length: count }, (_, index) => addDays(first, index).date);
  const previousDays = Array.from({ length: count }, (_, index) => addDays(first, index - count).date);
  return {
    timeZone,
    days,
    start: startOf(first, timeZone),
    end: startOf(addDays(last, 1).date, timeZone),
    previousStart: startOf(previousDays[0] as string, timeZone),
    previousDays,
  };
}
