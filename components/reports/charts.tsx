"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ReportChart } from "@/lib/reports/charts";
import { shortDay } from "./format";

// Distinguishable for the common colour-vision deficiencies (Okabe–Ito).
const COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

/** Bars per day; with a month or less on screen, each bar carries its number. */
export function DailyChart({ data, title }: { data: ReportChart; title: string }) {
  const series = data.series ?? [];
  const labelled = data.rows.length <= 31;
  return (
    <figure className="h-64 w-full" aria-label={`${title}, per day`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.rows} margin={{ top: 20, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} fontSize={11} minTickGap={12} />
          <YAxis allowDecimals={series.some((s) => s.key.endsWith("Median"))} fontSize={11} width={40} />
          <Tooltip labelFormatter={(day) => shortDay(String(day))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, index) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLORS[index % COLORS.length]} isAnimationActive={false}>
              {labelled ? <LabelList dataKey={s.key} position="top" fontSize={10} formatter={(value: unknown) => (value === 0 || value === null ? "" : String(value))} /> : null}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** One bar group per row (an agent, a country), numbers on the bars. */
export function TotalsBarChart({ data, title }: { data: ReportChart; title: string }) {
  const series = data.series ?? [];
  const category = data.columns[0]?.key ?? "name";
  const rows = data.rows.map((row) => ({ ...row, label: data.columns[1] && category === "integration" ? `${row.integration} · ${row.country}` : row[category] }));
  return (
    <figure className="w-full" style={{ height: Math.max(120, rows.length * 48 + 40) }} aria-label={title}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 40, bottom: 0, left: 0 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} fontSize={11} />
          <YAxis type="category" dataKey="label" width={160} fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, index) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLORS[index % COLORS.length]} isAnimationActive={false}>
              <LabelList dataKey={s.key} position="right" fontSize={11} />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function DataTable({ data, title }: { data: ReportChart; title: string }) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{title}</caption>
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            {data.columns.map((column) => (
              <th key={column.key} scope="col" className="px-3 py-2">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.rows.map((row, index) => (
            <tr key={index}>
              {data.columns.map((column, columnIndex) =>
                columnIndex === 0 ? (
                  <th key={column.key} scope="row" className="whitespace-nowrap px-3 py-2 font-medium">
                    {row[column.key] ?? "—"}
                  </th>
                ) : (
                  <td key={column.key} className="px-3 py-2 align-top">
                    {row[column.key] ?? "—"}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Weekday against hour, each cell's number written in it, darker for more. */
export function Heatmap({ data, title }: { data: ReportChart; title: string }) {
  const hours = data.columns.slice(1);
  const max = Math.max(1, ...data.rows.flatMap((row) => hours.map((hour) => Number(row[hour.key] ?? 0))));
  return (
    <div className="overflow-x-auto">
      <table className="border-separate border-spacing-0.5 text-center text-[11px]">
        <caption className="sr-only">{title}: customers&apos; texts by weekday (rows) and hour (columns)</caption>
        <thead>
          <tr>
            <th scope="col" className="sr-only">
              Weekday
            </th>
            {hours.map((hour) => (
              <th key={hour.key} scope="col" className="px-0.5 font-normal text-slate-500">
                {hour.label.slice(0, 2)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={String(row.weekday)}>
              <th scope="row" className="pr-2 text-left font-medium text-slate-600">
                {row.weekday}
              </th>
              {hours.map((hour) => {
                const n = Number(row[hour.key] ?? 0);
                const share = n / max;
                return (
                  <td
                    key={hour.key}
                    className="h-7 w-7 rounded-sm"
                    style={{ backgroundColor: n === 0 ? "#f1f5f9" : `rgba(0, 114, 178, ${0.15 + share * 0.85})`, color: share > 0.5 ? "white" : "#0f172a" }}
                    title={`${row.weekday} ${hour.label}: ${n}`}
                  >
                    {n === 0 ? "" : n}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
