import type { DbOrTx } from "@/db/client";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getBusinessHours } from "@/lib/rules/store";
import { buildChart, type ReportContext } from "./build";
import { CHARTS, type ChartId, type ReportChart } from "./charts";
import { parseReportFilters, reportPeriod, type ReportFilters } from "./period";
import { getSmsPrices } from "./prices";

/** Filters from the URL, or a 400 that says which one is wrong. */
export function readReportFilters(params: URLSearchParams): ReportFilters {
  const parsed = parseReportFilters(params);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? "range"), issue.message]));
    throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Check the report's filters.", fieldErrors);
  }
  return parsed.data;
}

/**
 * What a user's report covers: an admin's whole inbox (or the agent they filter by), an
 * agent's own tickets whatever they ask for. Days are on the business-hours clock (UTC until
 * business hours are set).
 */
export async function reportContext({ db, user, filters, now = new Date() }: { db: DbOrTx; user: User; filters: ReportFilters; now?: Date }): Promise<ReportContext> {
  const [hours, prices] = await Promise.all([getBusinessHours({ db }), getSmsPrices({ db })]);
  const agentView = user.role !== "admin";
  return {
    db,
    period: reportPeriod(filters, hours?.timeZone ?? "UTC", now),
    integrationId: filters.integration,
    assigneeId: agentView ? user.id : filters.agent,
    tag: filters.tag,
    hours,
    prices,
    viewerAgentId: agentView ? user.id : null,
  };
}

/** One chart for this user, or 403 for an admins' chart asked by an agent. */
export async function loadChart({ db, user, chart, filters, now }: { db: DbOrTx; user: User; chart: ChartId; filters: ReportFilters; now?: Date }): Promise<ReportChart> {
  if (CHARTS.find((entry) => entry.id === chart)?.adminOnly && user.role !== "admin") {
    throw new AppError("forbidden", "Only admins can see this chart.");
  }
  return buildChart(chart, await reportContext({ db, user, filters, now }));
}
