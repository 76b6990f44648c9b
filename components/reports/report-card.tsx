"use client";

import { useQuery } from "@tanstack/react-query";
import { buttonClass } from "@/components/ui/button-class";
import type { ChartId, ReportChart } from "@/lib/reports/charts";
import { DailyChart, DataTable, Heatmap, TotalsBarChart } from "./charts";
import { describePrevious, formatFigure } from "./format";
import { reportKeys } from "./keys";

async function fetchChart(chart: ChartId, query: string): Promise<ReportChart> {
  const response = await fetch(`/api/reports/${chart}?${query}`, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The report did not load (HTTP ${response.status}). Reload the page to try again.`);
  }
  return (await response.json()) as ReportChart;
}

/** One chart: its figures against the previous period, the chart, its numbers, and its CSV. */
export function ReportCard({ chart, title, query, children }: { chart: ChartId; title: string; query: string; children?: React.ReactNode }) {
  const { data, error, isPending, refetch } = useQuery({ queryKey: reportKeys.chart(chart, query), queryFn: () => fetchChart(chart, query) });
  const headingId = `report-${chart}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-chart={chart}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <a className={buttonClass("secondary", "text-xs")} href={`/api/reports/${chart}?${query}${query ? "&" : ""}format=csv`} download>
          Download CSV<span className="sr-only"> of {title}</span>
        </a>
      </div>
      {isPending ? (
        <div role="status" className="flex h-48 motion-safe:animate-pulse items-center justify-center rounded-md bg-slate-50 text-sm text-slate-500">
          Loading {title.toLowerCase()}…
        </div>
      ) : error ? (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error.message}{" "}
          <button type="button" className="underline" onClick={() => void refetch()}>
            Try again
          </button>
        </div>
      ) : (
        <ReportBody data={data} title={title} />
      )}
      {children}
    </section>
  );
}

function ReportBody({ data, title }: { data: ReportChart; title: string }) {
  return (
    <>
      <dl className="mb-4 grid grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))] gap-3">
        {data.figures.map((figure) => (
          <div key={figure.label} className="rounded-md bg-slate-50 p-3">
            <dt className="text-xs text-slate-600">{figure.label}</dt>
            <dd className="mt-1 text-xl font-semibold text-slate-900">{formatFigure(figure.value, figure.format)}</dd>
            {describePrevious(figure) ? <dd className="mt-1 text-xs text-slate-500">{describePrevious(figure)}</dd> : null}
          </div>
        ))}
      </dl>
      {data.empty ? (
        <div className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center">
          <p className="font-medium text-slate-800">No messages in this period</p>
          <p className="mt-1 text-sm text-slate-600">Choose a longer date range or clear a filter. Figures appear as customers text and agents answer.</p>
        </div>
      ) : data.kind === "daily" ? (
        <>
          <DailyChart data={data} title={title} />
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-brand-700">Numbers per day</summary>
            <DataTable data={data} title={title} />
          </details>
        </>
      ) : data.kind === "heatmap" ? (
        <Heatmap data={data} title={title} />
      ) : (
        <>
          {data.series && data.rows.length > 0 ? <TotalsBarChart data={data} title={title} /> : null}
          <DataTable data={data} title={title} />
        </>
      )}
      {data.note ? <p className="mt-3 text-xs text-slate-500">{data.note}</p> : null}
    </>
  );
}
