import fs from "node:fs";
import os from "node:os";
import type { LoadResult } from "./load";

export type Figure =
  | { database: string; scenario: string; result: LoadResult; health?: LoadResult; floor?: LoadResult }
  | { database: string; scenario: string; value: number; unit: string; target?: number }
  | { database: string; scenario: string; note: string; ok: boolean };

const TARGETS: Record<string, string> = {
  "postgresql Ingest c=10": "≥ 500/s, p99 < 50 ms, ≥ 60 % of /api/health",
  "pglite Ingest c=10": "usable: p99 < 200 ms",
  "pglite Ingest c=50": "usable: p99 < 200 ms",
};

function row(figure: Figure): string {
  const target = TARGETS[`${figure.database} ${figure.scenario}`] ?? "";
  if ("result" in figure) {
    const r = figure.result;
    const vsHealth = figure.health ? `${((r.throughput / figure.health.throughput) * 100).toFixed(0)} %` : "";
    const vsFloor = figure.floor ? `${((r.throughput / figure.floor.throughput) * 100).toFixed(0)} %` : "";
    return `| ${figure.database} | ${figure.scenario} | ${r.throughput.toFixed(0)}/s | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${vsHealth} | ${vsFloor} | ${target} |`;
  }
  if ("value" in figure) {
    const ok = figure.target === undefined ? "" : figure.value <= figure.target ? " ✓" : " ✗";
    return `| ${figure.database} | ${figure.scenario} | ${figure.value.toFixed(0)} ${figure.unit}${ok} | | | | | | | ${figure.target ? `< ${figure.target} ${figure.unit}` : ""} |`;
  }
  return `| ${figure.database} | ${figure.scenario} | ${figure.ok ? "✓" : "✗"} ${figure.note} | | | | | | | nothing lost, nothing twice |`;
}

export function writeReport(figures: Figure[], { seconds, repeats }: { seconds: number; repeats: number }) {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const header = [
    "# Benchmarks",
    "",
    `Measured ${new Date().toISOString()} on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}.`,
    `Each load figure is the median of ${repeats} runs of ${seconds} s after a warm-up, driven over HTTP from a separate process against \`next start\`.`,
    "Latencies in milliseconds. \"vs health\" is the app's throughput as a share of its own `/api/health` (the framework's floor); \"vs floor\" as a share of a bare `node:http` server doing one INSERT per request on the same database.",
    "",
    "| Database | Scenario | Result | p50 | p95 | p99 | Errors | vs health | vs floor | Target |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const table = figures.map(row);
  const existingNotes = fs.existsSync("BENCHMARKS.md") ? (fs.readFileSync("BENCHMARKS.md", "utf8").split("\n## Findings")[1] ?? "") : "";
  const text = [...header, ...table, "", "## Findings" + (existingNotes || "\n\n(none yet)\n")].join("\n");
  fs.writeFileSync("BENCHMARKS.md", text);
  console.log(`\n${[...header.slice(-2), ...table].join("\n")}\n\nWritten to BENCHMARKS.md`);
}
