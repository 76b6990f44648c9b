/** The charts of the reports page, in order. Admin-only ones are hidden from agents, and their data refused. */
export const CHARTS = [
  { id: "conversations", title: "Conversations", adminOnly: false },
  { id: "messages", title: "Messages in and out", adminOnly: false },
  { id: "response-times", title: "Response and resolution times", adminOnly: false },
  { id: "agents", title: "Agents", adminOnly: false },
  { id: "delivery", title: "Delivery", adminOnly: false },
  { id: "failures", title: "Failures by error code", adminOnly: false },
  { id: "opt-outs", title: "Opt-outs and opt-ins", adminOnly: false },
  { id: "refused", title: "Refused messages", adminOnly: true },
  { id: "busiest-hours", title: "Busiest hours", adminOnly: false },
  { id: "usage", title: "SMS usage and estimated cost", adminOnly: true },
] as const;

export type ChartId = (typeof CHARTS)[number]["id"];

export function isChartId(value: string): value is ChartId {
  return CHARTS.some((chart) => chart.id === value);
}

export interface ReportFigure {
  label: string;
  value: number | null;
  /** The same figure over the previous period of the same length; undefined where none is compared. */
  previous?: number | null;
  format: "count" | "hours" | "dollars" | "percent";
}

export interface ReportColumn {
  key: string;
  label: string;
}

export type ReportRow = Record<string, string | number | null>;

/** One chart's data: what the page draws and the CSV holds, the same rows for both. */
export interface ReportChart {
  id: ChartId;
  kind: "daily" | "table" | "heatmap";
  figures: ReportFigure[];
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Daily charts: the columns drawn as bars. */
  series?: ReportColumn[];
  /** Nothing happened in the period: the page shows "No messages in this period". */
  empty: boolean;
  /** A note under the chart, e.g. which hours the times are counted in. */
  note?: string;
}
