import type { DbOrTx } from "@/db/client";
import {
  countAgentActivity,
  countDeliveryPerDay,
  countFailuresByCode,
  countInboundByHour,
  countOptChangesPerDay,
  countRefusedPerDay,
  countSegmentsPerDay,
  countTicketsPerDay,
  countUsage,
  countUnanswered,
  listFirstResponses,
  listResolutions,
  summarizeFirstResponses,
  summarizeResolutions,
  type DayCount,
  type DurationSummary,
  type ReportScope,
} from "@/db/queries/reports";
import { REFUSAL_REASONS } from "@/lib/audit/refused";
import { countryName } from "@/lib/phone/normalize";
import type { BusinessHours } from "@/lib/rules/business-hours";
import { businessClock } from "./business-time";
import type { ChartId, ReportChart, ReportColumn, ReportRow } from "./charts";
import { explainFailure } from "./failures";
import type { ReportPeriod } from "./period";
import type { SmsPrice } from "./prices";
import { hoursOf, median, percentile } from "./stats";

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

function scopeOf(context: ReportContext, from: Date, to: Date): ReportScope {
  return { from, to, timeZone: context.period.timeZone, integrationId: context.integrationId, assigneeId: context.assigneeId, tag: context.tag };
}

/** Both periods in one query: previous start to end. */
const bothPeriods = (context: ReportContext) => scopeOf(context, context.period.previousStart, context.period.end);
const currentPeriod = (context: ReportContext) => scopeOf(context, context.period.start, context.period.end);
const previousPeriod = (context: ReportContext) => scopeOf(context, context.period.previousStart, context.period.start);

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Rows of the period's days, each key's count that day (0 when none), and each key's totals now and before. */
function daily(period: ReportPeriod, counts: DayCount[], keys: readonly string[]) {
  const byDay = new Map<string, number>();
  for (const { day, key, n } of counts) byDay.set(`${day}|${key}`, (byDay.get(`${day}|${key}`) ?? 0) + n);
  const rows = period.days.map((day) => Object.fromEntries([["day", day], ...keys.map((key) => [key, byDay.get(`${day}|${key}`) ?? 0])]) as ReportRow);
  const total = (days: string[], key: string) => sum(days.map((day) => byDay.get(`${day}|${key}`) ?? 0));
  return { rows, current: (key: string) => total(period.days, key), previous: (key: string) => total(period.previousDays, key) };
}

async function conversations(context: ReportContext): Promise<ReportChart> {
  const { rows, current, previous } = daily(context.period, await countTicketsPerDay({ db: context.db, scope: bothPeriods(context) }), ["new", "reopened"]);
  const series = [
    { key: "new", label: "New tickets" },
    { key: "reopened", label: "Reopened tickets" },
  ];
  return {
    id: "conversations",
    kind: "daily",
    figures: series.map((s) => ({ label: s.label, value: current(s.key), previous: previous(s.key), format: "count" })),
    columns: [{ key: "day", label: "Day" }, ...series],
    series,
    rows,
    empty: current("new") + current("reopened") === 0,
  };
}

async function messages(context: ReportContext): Promise<ReportChart> {
  const found = await countSegmentsPerDay({ db: context.db, scope: bothPeriods(context) });
  const counts: DayCount[] = found.flatMap((row) => [
    { day: row.day, key: `${row.direction}Segments`, n: row.segments },
    { day: row.day, key: `${row.direction}Messages`, n: row.messages },
  ]);
  const keys = ["inboundSegments", "outboundSegments", "inboundMessages", "outboundMessages"];
  const { rows, current, previous } = daily(context.period, counts, keys);
  const series = [
    { key: "inboundSegments", label: "Segments in" },
    { key: "outboundSegments", label: "Segments out" },
  ];
  return {
    id: "messages",
    kind: "daily",
    figures: series.map((s) => ({ label: s.label, value: current(s.key), previous: previous(s.key), format: "count" })),
    columns: [{ key: "day", label: "Day" }, ...series, { key: "inboundMessages", label: "Texts in" }, { key: "outboundMessages", label: "Texts out" }],
    series,
    rows,
    empty: current("inboundMessages") + current("outboundMessages") === 0,
    note: "Counted in SMS segments, as Twilio bills them: 160 plain characters (70 with an emoji or other Unicode) in one, 153 (67) each when split. Replies count once Twilio took them.",
  };
}

function hoursNote(context: ReportContext): string {
  return context.hours && context.hours.periods.length > 0
    ? `In business hours (${context.hours.timeZone}): time while you are closed does not count.`
    : "In clock hours: set business hours under Settings → Business hours to count only open hours.";
}

/** Durations, per period and per day or agent, summed up from one row per ticket with the business's clock. */
function summarizeInJs<T extends { period: "now" | "before"; day: string; agentId?: string | null }>(
  list: T[],
  duration: (row: T) => number,
): DurationSummary[] {
  const groups = new Map<string, { period: "now" | "before"; day: string | null; agentId: string | null; values: number[] }>();
  const add = (period: "now" | "before", day: string | null, agentId: string | null, value: number) => {
    const key = `${period}|${day ?? ""}|${agentId ?? ""}`;
    const group = groups.get(key);
    if (group) group.values.push(value);
    else groups.set(key, { period, day, agentId, values: [value] });
  };
  for (const row of list) {
    const value = duration(row);
    add(row.period, null, null, value);
    add(row.period, row.day, null, value);
    if (row.agentId) add(row.period, null, row.agentId, value);
  }
  return [...groups.values()].map(({ values, ...group }) => ({ ...group, n: values.length, median: median(values) as number, p90: percentile(values, 0.9) as number }));
}

const inBusinessHours = (context: ReportContext): context is ReportContext & { hours: BusinessHours } => Boolean(context.hours && context.hours.periods.length > 0);

/**
 * First responses and resolutions in the scope, summed up: on the clock entirely in the
 * database; in business hours from one row per ticket (its two instants), never per message.
 */
async function durationSummaries(context: ReportContext, scope: ReportScope, what: "first-response" | "resolution"): Promise<DurationSummary[]> {
  const start = context.period.start;
  if (!inBusinessHours(context)) {
    return what === "first-response" ? summarizeFirstResponses({ db: context.db, scope, start }) : summarizeResolutions({ db: context.db, scope, start });
  }
  if (what === "first-response") {
    const list = await listFirstResponses({ db: context.db, scope, start });
    const between = clockFor(context.hours, list.map((r) => r.createdAt), list.map((r) => r.respondedAt));
    return summarizeInJs(list, (r) => between(r.createdAt, r.respondedAt));
  }
  const list = await listResolutions({ db: context.db, scope, start });
  const between = clockFor(context.hours, list.map((r) => r.createdAt), list.map((r) => r.closedAt));
  return summarizeInJs(list, (r) => between(r.createdAt, r.closedAt));
}

/** The business's clock over every instant in `froms` and `tos`. */
function clockFor(hours: BusinessHours, froms: number[], tos: number[]) {
  let first = Infinity;
  let last = -Infinity;
  for (const value of froms) first = Math.min(first, value);
  for (const value of tos) last = Math.max(last, value);
  return first > last ? () => 0 : businessClock(hours, new Date(first), new Date(last));
}

async function responseTimes(context: ReportContext): Promise<ReportChart> {
  const [responses, resolutions, unanswered] = await Promise.all([
    durationSummaries(context, bothPeriods(context), "first-response"),
    durationSummaries(context, bothPeriods(context), "resolution"),
    countUnanswered({ db: context.db, scope: currentPeriod(context) }),
  ]);
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

async function agents(context: ReportContext): Promise<ReportChart> {
  const [now, before, responses] = await Promise.all([
    countAgentActivity({ db: context.db, scope: currentPeriod(context) }),
    countAgentActivity({ db: context.db, scope: previousPeriod(context) }),
    durationSummaries(context, currentPeriod(context), "first-response"),
  ]);
  const times = new Map(responses.filter((s) => s.period === "now" && s.agentId !== null).map((s) => [s.agentId as string, s]));
  const visible = now.filter((agent) => !context.viewerAgentId || agent.agentId === context.viewerAgentId);
  const rows = visible.map((agent) => ({
    agent: agent.name,
    answered: agent.answered,
    closed: agent.closed,
    firstResponseMedian: hoursOf(times.get(agent.agentId)?.median ?? null),
    firstResponseP90: hoursOf(times.get(agent.agentId)?.p90 ?? null),
  }));
  const mine = (list: typeof now) => list.filter((agent) => !context.viewerAgentId || agent.agentId === context.viewerAgentId);
  return {
    id: "agents",
    kind: "table",
    figures: [
      { label: "Tickets answered", value: sum(mine(now).map((a) => a.answered)), previous: sum(mine(before).map((a) => a.answered)), format: "count" },
      { label: "Tickets closed", value: sum(mine(now).map((a) => a.closed)), previous: sum(mine(before).map((a) => a.closed)), format: "count" },
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

async function delivery(context: ReportContext): Promise<ReportChart> {
  const keys = ["delivered", "undelivered", "failed"];
  const { rows, current, previous } = daily(context.period, await countDeliveryPerDay({ db: context.db, scope: bothPeriods(context) }), keys);
  const rate = (get: (key: string) => number) => {
    const all = sum(keys.map(get));
    return all === 0 ? null : Math.round((get("delivered") / all) * 1000) / 10;
  };
  const series = [
    { key: "delivered", label: "Delivered" },
    { key: "undelivered", label: "Undelivered" },
    { key: "failed", label: "Failed" },
  ];
  return {
    id: "delivery",
    kind: "daily",
    figures: [
      ...series.map((s) => ({ label: s.label, value: current(s.key), previous: previous(s.key), format: "count" as const })),
      { label: "Delivery rate", value: rate(current), previous: rate(previous), format: "percent" },
    ],
    columns: [{ key: "day", label: "Day" }, ...series],
    series,
    rows,
    empty: sum(keys.map(current)) === 0,
    note: "Replies by their final status, on the day they were written. Still on their way: not counted yet.",
  };
}

async function failures(context: ReportContext): Promise<ReportChart> {
  const found = await countFailuresByCode({ db: context.db, scope: currentPeriod(context) });
  const rows = found.map((row) => ({ ...explainFailure(row.errorCode), count: row.n }));
  return {
    id: "failures",
    kind: "table",
    figures: [{ label: "Undelivered and failed", value: sum(found.map((row) => row.n)), format: "count" }],
    columns: [
      { key: "code", label: "Error code" },
      { key: "count", label: "Replies" },
      { key: "meaning", label: "What happened" },
      { key: "fix", label: "What to do" },
    ],
    rows,
    empty: rows.length === 0,
  };
}

async function optOuts(context: ReportContext): Promise<ReportChart> {
  const { rows, current, previous } = daily(context.period, await countOptChangesPerDay({ db: context.db, scope: bothPeriods(context) }), ["opted_out", "opted_in"]);
  const series = [
    { key: "opted_out", label: "Opt-outs (STOP)" },
    { key: "opted_in", label: "Opt-ins (START)" },
  ];
  return {
    id: "opt-outs",
    kind: "daily",
    figures: series.map((s) => ({ label: s.label, value: current(s.key), previous: previous(s.key), format: "count" })),
    columns: [{ key: "day", label: "Day" }, ...series],
    series,
    rows,
    empty: current("opted_out") + current("opted_in") === 0,
  };
}

async function refused(context: ReportContext): Promise<ReportChart> {
  const reasons = Object.keys(REFUSAL_REASONS) as (keyof typeof REFUSAL_REASONS)[];
  const { rows, current, previous } = daily(context.period, await countRefusedPerDay({ db: context.db, scope: bothPeriods(context) }), reasons);
  const series = reasons.map((key) => ({ key, label: REFUSAL_REASONS[key] }));
  return {
    id: "refused",
    kind: "daily",
    figures: series.map((s) => ({ label: s.label, value: current(s.key), previous: previous(s.key), format: "count" })),
    columns: [{ key: "day", label: "Day" }, ...series],
    series,
    rows,
    empty: sum(reasons.map(current)) === 0,
    note: "Each refused text is listed, without its text, under Settings → Audit log → Refused messages. Only the integration filter applies: a refused text has no ticket.",
  };
}

export const WEEKDAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

async function busiestHours(context: ReportContext): Promise<ReportChart> {
  const found = await countInboundByHour({ db: context.db, scope: currentPeriod(context) });
  const grid = new Map(found.map((row) => [`${row.weekday}|${row.hour}`, row.n]));
  const hourKey = (hour: number) => `h${String(hour).padStart(2, "0")}`;
  const rows = WEEKDAY_LABELS.map((weekday, index) =>
    Object.fromEntries([["weekday", weekday], ...Array.from({ length: 24 }, (_, hour) => [hourKey(hour), grid.get(`${index + 1}|${hour}`) ?? 0])]) as ReportRow,
  );
  const busiest = [...found].sort((a, b) => b.n - a.n || a.weekday - b.weekday || a.hour - b.hour)[0];
  return {
    id: "busiest-hours",
    kind: "heatmap",
    figures: [
      { label: "Texts in", value: sum(found.map((row) => row.n)), format: "count" },
      { label: busiest ? `Busiest hour: ${WEEKDAY_LABELS[busiest.weekday - 1]} ${String(busiest.hour).padStart(2, "0")}:00` : "Busiest hour", value: busiest?.n ?? null, format: "count" },
    ],
    columns: [{ key: "weekday", label: "Weekday" }, ...Array.from({ length: 24 }, (_, hour) => ({ key: hourKey(hour), label: `${String(hour).padStart(2, "0")}:00` }))],
    rows,
    empty: found.length === 0,
    note: `Customers' texts by weekday and hour, on the clock of ${context.period.timeZone}.`,
  };
}

async function usage(context: ReportContext): Promise<ReportChart> {
  const [now, before] = await Promise.all([countUsage({ db: context.db, scope: currentPeriod(context) }), countUsage({ db: context.db, scope: previousPeriod(context) })]);
  const prices = new Map(context.prices.map((price) => [price.country, price]));
  const costOf = (list: typeof now) => sum(list.map((row) => row.segments * ((row.direction === "outbound" ? prices.get(row.country ?? "")?.sent : prices.get(row.country ?? "")?.received) ?? 0)));
  const groups = new Map<string, ReportRow & { sent: number; received: number }>();
  for (const row of now) {
    const key = `${row.integrationId}|${row.country ?? ""}`;
    const price = prices.get(row.country ?? "");
    const group = groups.get(key) ?? {
      integration: row.integrationName,
      country: row.country ? `${countryName(row.country)} (${row.country})` : "Unknown",
      sent: 0,
      received: 0,
      priceSent: price?.sent ?? null,
      priceReceived: price?.received ?? null,
      cost: null,
    };
    if (row.direction === "outbound") group.sent += row.segments;
    else group.received += row.segments;
    groups.set(key, group);
  }
  const rows: ReportRow[] = [...groups.values()].map((group) => ({
    ...group,
    cost: group.priceSent === null ? null : Math.round((group.sent * (group.priceSent as number) + group.received * (group.priceReceived as number)) * 10000) / 10000,
  }));
  const segments = (list: typeof now, direction: string) => sum(list.filter((row) => row.direction === direction).map((row) => row.segments));
  const unpriced = rows.filter((row) => row.cost === null).map((row) => String(row.country));
  return {
    id: "usage",
    kind: "table",
    figures: [
      { label: "Segments sent", value: segments(now, "outbound"), previous: segments(before, "outbound"), format: "count" },
      { label: "Segments received", value: segments(now, "inbound"), previous: segments(before, "inbound"), format: "count" },
      { label: "Estimated cost", value: Math.round(costOf(now) * 100) / 100, previous: Math.round(costOf(before) * 100) / 100, format: "dollars" },
    ],
    columns: [
      { key: "integration", label: "Integration" },
      { key: "country", label: "Customer's country" },
      { key: "sent", label: "Segments sent" },
      { key: "received", label: "Segments received" },
      { key: "priceSent", label: "Price per segment sent ($)" },
      { key: "priceReceived", label: "Price per segment received ($)" },
      { key: "cost", label: "Estimated cost ($)" },
    ],
    series: [
      { key: "sent", label: "Segments sent" },
      { key: "received", label: "Segments received" },
    ],
    rows,
    empty: rows.length === 0,
    note: `Segments times the price per segment for the customer's country, before carrier fees.${unpriced.length ? ` No price set for ${[...new Set(unpriced)].join(", ")}: add one below.` : ""}`,
  };
}

const BUILDERS: Record<ChartId, (context: ReportContext) => Promise<ReportChart>> = {
  conversations,
  messages,
  "response-times": responseTimes,
  agents,
  delivery,
  failures,
  "opt-outs": optOuts,
  refused,
  "busiest-hours": busiestHours,
  usage,
};

export function buildChart(id: ChartId, context: ReportContext): Promise<ReportChart> {
  return BUILDERS[id](context);
}

export type { ReportColumn };
