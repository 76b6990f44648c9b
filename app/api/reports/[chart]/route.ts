import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { isChartId } from "@/lib/reports/charts";
import { toCsv } from "@/lib/reports/csv";
import { loadChart, readReportFilters } from "@/lib/reports/load";

export const dynamic = "force-dynamic";

/** One chart's data as JSON, or with ?format=csv as a CSV download; the filters are the page's. */
export const GET = route({ role: "user" }, async ({ request, user, params }) => {
  const chart = params.chart;
  if (!chart || !isChartId(chart)) throw new AppError("not_found", "There is no such chart.");
  const url = new URL(request.url);
  const filters = readReportFilters(url.searchParams);
  const data = await loadChart({ db: await getDb(), user, chart, filters });
  if (url.searchParams.get("format") === "csv") {
    const days = `${filters.range === "custom" ? `${filters.from}-to-${filters.to}` : `last-${filters.range}-days`}`;
    return new Response(toCsv(data.columns, data.rows), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${chart}-${days}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  }
  return NextResponse.json(data, { headers: { "Cache-Control": "no-store" } });
});
