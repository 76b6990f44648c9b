import type { DbOrTx } from "@/db/client";
import { answeredFromRollups } from "@/db/queries/report-rollups";
import {
  countAgentActivity,
  countUnanswered,
  listFirstResponses,
  listResolutions,
  summarizeFirstResponses,
  summarizeFirstResponsesByAgent,
  summarizeResolutions,
  type DurationSummary,
  type ReportScope,
} from "@/db/queries/reports";
import { instantFromLocalTime, type BusinessHours } from "@/lib/rules/business-hours";
import { businessClock } from "./business-time";
import type { ReportChart } from "./charts";
import { bothPeriods, currentPeriod, hoursNote, previousPeriod, scopeOf, sum, type ReportContext } from "./context";
import { rollupsFit } from "./rollups";
import type { ReportPeriod } from "./period";
import { hoursOf } from "./stats";

/** Each agent's answered and closed tickets, split at `start`; answered from the reply rollups where they fit the scope. */
const agentActivity = (db: DbOrTx, scope: ReportScope, start: Date) =>
  countAgentActivity({ db, scope, start, answered: rollupsFit(scope) ? answeredFromRollups(scope, start) : undefined });

/** The day (on the report's clock) an instant falls on, and its period, by a binary search of the days' first instants. */
function dayFinder(period: ReportPeriod) {
  const days = [...period.previousDays, ...period.days];
  const starts = days.map((day) => (instantFromLocalTime(`${day}T00:00`, period.timeZone) as Date).getTime());
  return (at: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= at) low = middle;
      else high = middle - 1;
    }
    return { day: days[low] as string, period: low >= period.previousDays.length ? ("now" as const) : ("before" as const) };
  };
}

function summaryOf(values: number[]) {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => {
    const rank = (sorted.length - 1) * p;
    const lower = Math.floor(rank);
    const low = sorted[lower] as number;
    return low + (rank - lower) * ((sorted[Math.min(lower + 1, sorted.length - 1)] as number) - low);
  };
  return { n: sorted.length, median: at(0.5), p90: at(0.9) };
}

/** Durations of one row per ticket, per period and per day or agent; `dayAt` is the instant that picks the day. */
function summarize<T>(period: ReportPeriod, list: T[], dayAt: (row: T) => number, duration: (row: T) => number, agentOf: (row: T) => string | null = () => null): DurationSummary[] {
  const findDay = dayFinder(period);
  const groups = new Map<string, { period: "now" | "before"; day: string | null; agentId: string | null; values: number[] }>();
  const add = (which: "now" | "before", day: string | null, agentId: string | null, value: number) => {
    const key = `${which}|${day ?? ""}|${agentId ?? ""}`;
    const group = groups.get(key);
    if (group) group.values.push(value);
    else groups.set(key, { period: which, day, agentId, values: [value] });
  };
  for (const row of list) {
    const value = duration(row);
    const { day, period: which } = findDay(dayAt(row));
    add(which, null, null, value);
    add(which, day, null, value);
    const agentId = agentOf(row);
    if (agentId) add(which, null, agentId, value);
  }
  return [...groups.values()].map(({ values, ...group }) => ({ ...group, ...summaryOf(values) }));
}

const inBusinessHours = (context: ReportContext): context is ReportContext & { hours: BusinessHours } => Boolean(context.hours && context.hours.periods.length > 0);

/**
 * First responses and resolutions in the scope, summed up from one row per ticket (its two
 * instants), never per message: on the clock entirely in the database, by period and day (and
 * the tickets not answered yet on the way); in business hours here, from the rows. `byAgent`:
 * first responses per agent instead, in the period "now" (the scope is that period).
 */
async function durationSummaries(context: ReportContext, scope: ReportScope, what: "first-response" | "resolution" | "first-response-by-agent"): Promise<{ summaries: DurationSummary[]; unanswered?: number }> {
  const { db, period } = context;
  if (!inBusinessHours(context)) {
    if (what === "first-response-by-agent") return { summaries: await summarizeFirstResponsesByAgent({ db, scope }) };
    // Each period on its own connection, at once; days only for the period shown.
    const periods = [scopeOf(context, period.start, scope.to), scopeOf(context, scope.from, period.start)] as const;
    if (what === "first-response") {
      const [now, before] = await Promise.all(periods.map((each, index) => summarizeFirstResponses({ db, scope: each, start: period.start, byDay: index === 0 })));
      return { summaries: [...now!.summaries, ...before!.summaries], unanswered: now!.unanswered };
    }
    const [now, before] = await Promise.all(periods.map((each, index) => summarizeResolutions({ db, scope: each, start: period.start, byDay: index === 0 })));
    return { summaries: [...now!, ...before!] };
  }
  if (what !== "resolution") {
    const list = await listFirstResponses({ db, scope });
    const between = clockFor(context.hours, list.map((r) => r.createdAt), list.map((r) => r.respondedAt));
    return { summaries: summarize(period, list, (r) => r.createdAt, (r) => between(r.createdAt, r.respondedAt), (r) => r.agentId) };
  }
  const list = await listResolutions({ db, scope });
  const between = clockFor(context.hours, list.map((r) => r.createdAt), list.map((r) => r.closedAt));
  return { summaries: summarize(period, list, (r) => r.closedAt, (r) => between(r.createdAt, r.closedAt)) };
}

/** The business's clock over every instant in `froms` and `tos`. */
function clockFor(hours: BusinessHours, froms: number[], tos: number[]) {
  let first = Infinity;
  let last = -Infinity;
  for (const value of froms) first = Math.min(first, value);
  for (const value of tos) last = Math.max(last, value);
  return first > last ? () => 0 : businessClock(hours, new Date(first), new Date(last));
}

export async function responseTimes(context: ReportContext): Promise<ReportChart> {
  const [first, resolved] = await Promise.all([durationSummaries(context, bothPeriods(context), "first-response"), durationSummaries(context, bothPeriods(context), "resolution")]);
  const responses = first.summaries;
  const resolutions = resolved.summaries;
  // Summed up on the clock, the first responses count them on the way.
  const unanswered = first.unanswered ?? (await countUnanswered({ db: context.db, scope: currentPeriod(context) }));
  const total = (list: DurationSummary[], period: "now" | "before") => list.find((s) => s.period === period && s.day === null && s.agentId === null);
  const byDay = (list: DurationSummary[]) => new Map(list.filter((s) => s.period === "now" && s.day !== null).map((s) => [s.day as string, s]));
  const firstByDay = byDay(responses);
  const resolvedByDay = byDay(resolutions);
  const rows = context.period.days.map((day) => ({
    day,
    firstResponseMedian: hoursOf(firstByDay.get(day)?.median ?? null),
    resolutionMedian: hoursOf(resolvedByDay.get(day)?.median ?? null),
    answered: firstByDay.get(day)?.n ?? 0,
    resolved: resolvedByDay.get(day)?.n ?? 0,
  }));
  const series = [
    { key: "firstResponseMedian", label: "Median first response (h)" },
    { key: "resolutionMedian", label: "Median resolution (h)" },
  ];
  const figure = (label: string, list: DurationSummary[], pick: "median" | "p90") => ({
    label,
    value: hoursOf(total(list, "now")?.[pick] ?? null),
    previous: hoursOf(total(list, "before")?.[pick] ?? null),
    format: "hours" as const,
  });
  return {
    id: "response-times",
    kind: "daily",
    figures: [
      figure("First response, median", responses, "median"),
      figure("First response, 90th percentile", responses, "p90"),
      figure("Resolution, median", resolutions, "median"),
      figure("Resolution, 90th percentile", resolutions, "p90"),
      { label: "Tickets not answered yet", value: unanswered, format: "count" },
    ],
    columns: [{ key: "day", label: "Day" }, ...series, { key: "answered", label: "Tickets answered (by day opened)" }, { key: "resolved", label: "Tickets resolved" }],
    series,
    rows,
    empty: (total(responses, "now")?.n ?? 0) + (total(resolutions, "now")?.n ?? 0) === 0,
    note: `${hoursNote(context)} First response: from the ticket's first message to an agent's first reply, once per ticket however often it reopens (auto-replies do not count; conversations an agent started do not count). Resolution: from opening to the last close.`,
  };
}

export async function agents(context: ReportContext): Promise<ReportChart> {
  // Each period on its own connection, at once.
  const [now, before, responses] = await Promise.all([
    agentActivity(context.db, currentPeriod(context), context.period.start),
    agentActivity(context.db, previousPeriod(context), context.period.start),
    durationSummaries(context, currentPeriod(context), "first-response-by-agent"),
  ]);
  const times = new Map(responses.summaries.filter((s) => s.period === "now" && s.agentId !== null).map((s) => [s.agentId as string, s]));
  const mine = (list: typeof now) => list.filter((agent) => !context.viewerAgentId || agent.agentId === context.viewerAgentId);
  const visible = mine(now);
  const rows = visible.map((agent) => ({
    agent: agent.name,
    answered: agent.answered,
    closed: agent.closed,
    firstResponseMedian: hoursOf(times.get(agent.agentId)?.median ?? null),
    firstResponseP90: hoursOf(times.get(agent.agentId)?.p90 ?? null),
  }));
  return {
    id: "agents",
    kind: "table",
    figures: [
      { label: "Tickets answered", value: sum(visible.map((a) => a.answered)), previous: sum(mine(before).map((a) => a.answeredBefore)), format: "count" },
      { label: "Tickets closed", value: sum(visible.map((a) => a.closed)), previous: sum(mine(before).map((a) => a.closedBefore)), format: "count" },
    ],
    columns: [
      { key: "agent", label: "Agent" },
      { key: "answered", label: "Tickets answered" },
      { key: "closed", label: "Tickets closed" },
      { key: "firstResponseMedian", label: "First response, median (h)" },
      { key: "firstResponseP90", label: "First response, 90th percentile (h)" },
    ],
    series: [
      { key: "answered", label: "Tickets answered" },
      { key: "closed", label: "Tickets closed" },
    ],
    rows,
    empty: rows.length === 0,
    note: `Answered: tickets the agent replied on. Closed: tickets the agent closed. Response times: tickets opened in the period whose first reply was the agent's. ${hoursNote(context)}`,
  };
}
