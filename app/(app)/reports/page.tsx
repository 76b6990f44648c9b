import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page";
import { ReportCard } from "@/components/reports/report-card";
import { ReportFiltersForm } from "@/components/reports/filters-form";
import { SmsPriceForm } from "@/components/reports/price-form";
import { getDb } from "@/db";
import { listIntegrations } from "@/db/queries/integrations";
import { listTagNames } from "@/db/queries/tags";
import { listUsers } from "@/db/queries/users";
import { requireUser } from "@/lib/auth/session";
import { CHARTS } from "@/lib/reports/charts";
import { parseReportFilters, reportFiltersSchema, reportPeriod } from "@/lib/reports/period";
import { getSmsPrices } from "@/lib/reports/prices";
import { getBusinessHours } from "@/lib/rules/store";

export const metadata: Metadata = { title: "Reports" };

function longDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export default async function ReportsPage({ searchParams }: PageProps<"/reports">) {
  const user = await requireUser();
  const admin = user.role === "admin";
  const parsed = parseReportFilters(await searchParams);
  const filters = parsed.success ? parsed.data : reportFiltersSchema.parse({});
  const errors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? "range"), issue.message]));
  const db = await getDb();
  const [integrations, users, tags, hours, prices] = await Promise.all([listIntegrations({ db }), admin ? listUsers({ db }) : null, listTagNames({ db, limit: 500 }), getBusinessHours({ db }), admin ? getSmsPrices({ db }) : []]);
  const timeZone = hours?.timeZone ?? "UTC";
  const period = reportPeriod(filters, timeZone);
  const query = new URLSearchParams(
    Object.entries({ range: filters.range, from: filters.range === "custom" ? filters.from : undefined, to: filters.range === "custom" ? filters.to : undefined, integration: filters.integration, agent: admin ? filters.agent : null, tag: filters.tag }).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
    ),
  ).toString();
  return (
    <main className="mx-auto max-w-7xl px-4 py-6 md:py-8">
      <PageHeader
        title="Reports"
        description={
          <>
            {admin ? "The whole inbox" : "Your tickets (assigned to you)"}, {longDay(period.days[0] as string)} to {longDay(period.days.at(-1) as string)}, days in {timeZone}
            {hours ? " (the business-hours time zone)" : " (set business hours to use your own time zone)"}. Each figure is compared with the {period.days.length} days before.
          </>
        }
      />
      <ReportFiltersForm
        filters={filters}
        errors={errors}
        integrations={integrations.map((integration) => ({ id: integration.id, name: integration.name }))}
        agents={users ? users.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name })) : null}
        tags={tags}
      />
      <div className="grid gap-6 xl:grid-cols-2">
        {CHARTS.filter((chart) => admin || !chart.adminOnly).map((chart) => (
          <ReportCard key={chart.id} chart={chart.id} title={chart.title} query={query}>
            {chart.id === "usage" ? <SmsPriceForm prices={prices} /> : null}
          </ReportCard>
        ))}
      </div>
    </main>
  );
}
