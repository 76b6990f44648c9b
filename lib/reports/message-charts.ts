import type { DbOrTx } from "@/db/client";
import {
  countDeliveryPerDayFromRollups,
  countFailuresByCodeFromRollups,
  countInboundByHourFromRollups,
  countSegmentsPerDayFromRollups,
  countUsageFromRollups,
} from "@/db/queries/report-rollups";
import { countDeliveryPerDay, countFailuresByCode, countInboundByHour, countSegmentsPerDay, countUsage, type DayCount, type ReportScope } from "@/db/queries/reports";
import { countryName } from "@/lib/phone/normalize";
import type { ReportChart, ReportRow } from "./charts";
import { bothPeriods, currentPeriod, daily, previousPeriod, sum, type ReportContext } from "./context";
import { explainFailure } from "./failures";
import { rollupsFit } from "./rollups";

type Query<T> = (args: { db: DbOrTx; scope: ReportScope }) => Promise<T>;

/** Each message query, from the hourly rollups and from the messages themselves. */
const QUERIES = {
  countSegmentsPerDay: [countSegmentsPerDayFromRollups, countSegmentsPerDay],
  countDeliveryPerDay: [countDeliveryPerDayFromRollups, countDeliveryPerDay],
  countFailuresByCode: [countFailuresByCodeFromRollups, countFailuresByCode],
  countInboundByHour: [countInboundByHourFromRollups, countInboundByHour],
  countUsage: [countUsageFromRollups, countUsage],
} as const;

/** From the rollups where they give the scope's figures (see rollupsFit), else from the messages. */
function fromRollupsOrMessages<T>(db: DbOrTx, [fromRollups, fromMessages]: readonly [Query<T>, Query<T>], scope: ReportScope): Promise<T> {
  return (rollupsFit(scope) ? fromRollups : fromMessages)({ db, scope });
}

export async function messages(context: ReportContext): Promise<ReportChart> {
  const found = await fromRollupsOrMessages(context.db, QUERIES.countSegmentsPerDay, bothPeriods(context));
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

export async function delivery(context: ReportContext): Promise<ReportChart> {
  const keys = ["delivered", "undelivered", "failed"];
  const { rows, current, previous } = daily(context.period, await fromRollupsOrMessages(context.db, QUERIES.countDeliveryPerDay, bothPeriods(context)), keys);
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

export async function failures(context: ReportContext): Promise<ReportChart> {
  const found = await fromRollupsOrMessages(context.db, QUERIES.countFailuresByCode, currentPeriod(context));
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

export const WEEKDAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export async function busiestHours(context: ReportContext): Promise<ReportChart> {
  const found = await fromRollupsOrMessages(context.db, QUERIES.countInboundByHour, currentPeriod(context));
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

export async function usage(context: ReportContext): Promise<ReportChart> {
  const [now, before] = await Promise.all([fromRollupsOrMessages(context.db, QUERIES.countUsage, currentPeriod(context)), fromRollupsOrMessages(context.db, QUERIES.countUsage, previousPeriod(context))]);
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
