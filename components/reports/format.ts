import type { ReportFigure } from "@/lib/reports/charts";
import { describeChange } from "@/lib/reports/stats";

const counts = new Intl.NumberFormat("en-US");

export function formatFigure(value: number | null, format: ReportFigure["format"]): string {
  if (value === null) return "—";
  switch (format) {
    case "hours":
      return value < 1 ? `${Math.round(value * 60)} min` : `${value.toLocaleString("en-US", { maximumFractionDigits: 2 })} h`;
    case "dollars":
      return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case "percent":
      return `${value}%`;
    default:
      return counts.format(value);
  }
}

/** "Previous period: 12 (+25% on the previous period)". */
export function describePrevious(figure: ReportFigure): string | null {
  if (figure.previous === undefined) return null;
  const change = figure.previous === 0 ? null : describeChange(figure.value, figure.previous);
  return `Previous period: ${formatFigure(figure.previous, figure.format)}${change ? ` (${change})` : ""}`;
}

/** "Tue 3 Mar" for an axis, from "2026-03-03". */
export function shortDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  return date.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
}
