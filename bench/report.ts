import fs from "node:fs";
import os from "node:os";
import type { LoadResult } from "./load";

export interface Figure {
  database: "pglite" | "postgresql";
  scenario: string;
  /** A load or latency run. */
  result?: LoadResult;
  health?: LoadResult;
  floor?: LoadResult;
  /** Or a single value (MB, per second), or a checked statement. */
  value?: string;
  target: string;
  /** Whether the target is met; undefined where there is no target. */
  ok?: boolean;
}

const ms = (value: number) => value.toFixed(1);

function row(figure: Figure): string {
  const met = figure.ok === undefined ? "" : figure.ok ? "✓" : "✗";
  const r = figure.result;
  if (r) {
    const vsHealth = figure.health ? `${((r.throughput / figure.health.throughput) * 100).toFixed(0)} % of ${figure.health.throughput.toFixed(0)}/s` : "";
    const vsFloor = figure.floor ? `${((r.throughput / figure.floor.throughput) * 100).toFixed(0)} % of ${figure.floor.throughput.toFixed(0)}/s` : "";
    return `| ${figure.database} | ${figure.scenario} | ${figure.value ?? `${r.throughput.toFixed(0)}/s`} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} | ${vsHealth} | ${vsFloor} | ${figure.target} | ${met} |`;
  }
  return `| ${figure.database} | ${figure.scenario} | ${figure.value ?? ""} | | | | | | | ${figure.target} | ${met} |`;
}

/** The table's rows already in BENCHMARKS.md that this run did not measure again. */
function keptRows(existing: string, figures: Figure[]): string[] {
  const measured = figures.map((figure) => `| ${figure.database} | ${figure.scenario}`);
  return existing
    .split("\n")
    .filter((line) => /^\| (pglite|postgresql) \|/.test(line))
    .filter((line) => !measured.some((prefix) => line.startsWith(`${prefix} |`) || line.startsWith(`${prefix} (measured`)));
}

/**
 * Writes BENCHMARKS.md. A partial run (one database or one scenario) replaces only the rows
 * it measured, marks them with the date, and keeps the rest of the table as it was.
 */
export function writeReport(figures: Figure[], settings: { seconds: number; repeats: number; partial?: boolean }): void {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const header = [
    "# Benchmarks",
    "",
    `Measured ${new Date().toISOString()} on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}; \`npm run bench\`.`,
    `Each load figure is the median of ${settings.repeats} runs of ${settings.seconds} s (inbox requests: per request type) after a warm-up, driven over HTTP from a separate process against \`next start\`.`,
    'Latencies in milliseconds. "vs health" is the app\'s throughput as a share of its own `/api/health` (the framework\'s floor); "vs floor" as a share of a bare `node:http` server doing one INSERT per request through the same database driver.',
    "",
    "| Database | Scenario | Result | p50 | p95 | p99 | Errors | vs health | vs floor | Target | Met |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const existing = fs.existsSync("BENCHMARKS.md") ? fs.readFileSync("BENCHMARKS.md", "utf8") : "";
  const findings = existing.split("\n## Findings")[1];
  const table = figures.map(row);
  if (settings.partial && existing) {
    const measuredOn = new Date().toISOString().slice(0, 10);
    const dated = figures.map((figure) => row({ ...figure, scenario: `${figure.scenario} (measured ${measuredOn}, ${os.cpus().length} cores)` }));
    const kept = keptRows(existing, figures);
    const heading = existing.split("\n| Database |")[0]!.split("\n");
    const text = [...heading, ...header.slice(-2), ...kept, ...dated, "", `## Findings${findings ?? "\n\n(none yet)\n"}`].join("\n");
    fs.writeFileSync("BENCHMARKS.md", text);
    console.log(`\n${[...header.slice(-2), ...dated].join("\n")}\n\nUpdated those rows in BENCHMARKS.md`);
    return;
  }
  const text = [...header, ...table, "", `## Findings${findings ?? "\n\n(none yet)\n"}`].join("\n");
  fs.writeFileSync("BENCHMARKS.md", text);
  console.log(`\n${[...header.slice(-2), ...table].join("\n")}\n\nWritten to BENCHMARKS.md`);
}
