import { countOptChangesPerDay, countRefusedPerDay, countTicketsPerDay } from "@/db/queries/reports";
import { REFUSAL_REASONS } from "@/lib/audit/refused";
import type { ReportChart } from "./charts";
import { bothPeriods, daily, sum, type ReportContext } from "./context";
import { wholeHourOffsets } from "./rollups";

export async function conversations(context: ReportContext): Promise<ReportChart> {
  const scope = bothPeriods(context);
  const counts = await countTicketsPerDay({ db: context.db, scope, wholeHours: wholeHourOffsets(scope.timeZone, scope.from, scope.to) });
  const { rows, current, previous } = daily(context.period, counts, ["new", "reopened"]);
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

export async function optOuts(context: ReportContext): Promise<ReportChart> {
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

export async function refused(context: ReportContext): Promise<ReportChart> {
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
