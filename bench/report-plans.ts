// `BENCH_DATABASE_URL=postgres://…/<a seeded bench database> npx tsx bench/report-plans.ts`:
// EXPLAIN ANALYZE of every query the reports page runs over the last 90 days for every
// integration (an admin's view), on a database the bench already seeded (BENCH_SCENARIO=reports
// leaves its bench_<time> database behind). Prints each query's time and how it reads
// tickets and messages: an index, or the whole table. REPORT_PLANS_CHART=<chart id> prints that
// chart's queries and whole plans instead.
import { eq, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx, type Transaction } from "../db/client";
import { users } from "../db/schema";
import { CHARTS } from "../lib/reports/charts";
import { loadChart } from "../lib/reports/load";
import { openTarget } from "./database";

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

// EXPLAIN cannot take bind parameters here; the values are the report's own, not input.
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    return typeof value === "number" ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  });
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error("BENCH_DATABASE_URL: a database the reports bench seeded");
  const handle = await openTarget({ name: "postgresql", url });
  const db = handle.db;
  const [admin] = await db.select().from(users).where(eq(users.role, "admin")).limit(1);
  const dialect = (db as unknown as { dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } } }).dialect;
  const only = process.env.REPORT_PLANS_CHART;
  for (const chart of CHARTS.filter((entry) => !only || entry.id === only)) {
    const plans: string[] = [];
    // Every query the chart runs is explained first (in its transaction, if any), then run as usual.
    const explaining = <T extends DbOrTx>(db: T): T =>
      new Proxy(db, {
        get(target, key, receiver) {
          if (key === "transaction") return (run: (tx: Transaction) => Promise<unknown>) => target.transaction((tx) => run(explaining(tx)));
          if (key !== "execute") return Reflect.get(target, key, receiver) as unknown;
          return async (query: SQL) => {
            const built = dialect.sqlToQuery(query);
            if (!/^\s*(with|select)\b/i.test(built.sql)) return target.execute(query);
            if (only) {
              const text = rowsOf<{ "QUERY PLAN": string }>(await target.execute(`explain (analyze, buffers) ${inline(built.sql, built.params)}`));
              console.log(`${inline(built.sql, built.params)}\n${text.map((line) => line["QUERY PLAN"]).join("\n")}\n`);
            }
            const answer = rowsOf<{ "QUERY PLAN": unknown }>(await target.execute(`explain (analyze, format json) ${inline(built.sql, built.params)}`));
            const raw = answer[0]!["QUERY PLAN"];
            const result = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode; "Execution Time": number }[];
            const reads = nodes(result[0]!.Plan)
              .filter((node) => node["Relation Name"] === "tickets" || node["Relation Name"] === "messages")
              .map((node) => `${node["Node Type"]} ${node["Index Name"] ?? ""} (${node["Relation Name"]})`.replace("  ", " "));
            plans.push(`  ${result[0]!["Execution Time"].toFixed(1).padStart(8)} ms  ${[...new Set(reads)].join(", ") || "no ticket or message read"}`);
            return target.execute(query);
          };
        },
      });
    await loadChart({ db: explaining(db), user: admin!, chart: chart.id, filters: { range: "90", integration: null, agent: null, tag: null } });
    console.log(`${chart.title}\n${plans.join("\n")}`);
  }
  await handle.close();
}

void main();
