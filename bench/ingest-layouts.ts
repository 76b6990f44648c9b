// Inbound ingest as Twilio drives it, in each way the app can be laid out: one process doing
// everything (APP_ROLE=all), and a web process taking the webhooks beside a worker process
// running the jobs, both on one PostgreSQL. Each layout is measured next to the app's own
// /api/health and, once per database, next to a bare node:http server doing one INSERT.
// Each layout takes two mixes: text messages only (80 % from returning customers, 20 % from
// new ones), the traffic the targets are set for; and the same with 10 % MMS, whose pictures
// the app downloads in a job on the same cores.
import { spawn } from "node:child_process";
import os from "node:os";
import { inArray, isNotNull, sql } from "drizzle-orm";
import { messages } from "../db/schema";
import { appEnv, openTarget, type Target } from "./database";
import { runIngest, startMediaServer, type IngestOptions } from "./ingest";
import { medianRun, runLoad, type LoadResult } from "./load";
import type { Figure } from "./report";
import { matchScreen, watchScreen, type Arrivals, type ScreenLatency } from "./screen";
import { BENCH_AGENT, type Seeded } from "./seed";
import { startApp, type AppServer } from "./server";
import { signIn } from "./session";

export interface IngestBenchSettings {
  port: number;
  seconds: number;
  repeats: number;
  warmupSeconds: number;
  rssTargetMb: number;
}

type Layout = "all" | "1 web + 1 worker";
type Mix = "texts" | "with 10 % MMS";
const MIXES: readonly Mix[] = ["texts", "with 10 % MMS"];
const CONCURRENCIES = [10, 50] as const;
const SCREEN_P95_MS = 250;

async function repeat(repeats: number, run: () => Promise<LoadResult>): Promise<LoadResult> {
  const runs: LoadResult[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await run());
  return { ...medianRun(runs), errors: runs.reduce((sum, r) => sum + r.errors, 0), errorSamples: runs.flatMap((r) => r.errorSamples).slice(0, 5) };
}

async function startFloor(target: Target, port: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/floor-server.ts", String(port)], {
    env: { ...process.env, ...(target.name === "postgresql" ? { DATABASE_URL: target.url } : { DATA_DIR: "memory://", DATABASE_URL: "" }) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("READY") && resolve()));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

/** The app in `layout`; webhooks, pages and SSE go to `web`. */
async function startLayout(layout: Layout, target: Target, port: number, mediaUrl: string): Promise<{ web: AppServer; all: AppServer[] }> {
  const base = { ...appEnv(target), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, SANDBOX_STEP_MS: "0", TWILIO_API_BASE_URL: mediaUrl };
  if (layout === "all") {
    const app = await startApp({ port, env: { ...base, APP_ROLE: "all" } });
    return { web: app, all: [app] };
  }
  const web = await startApp({ port, env: { ...base, APP_ROLE: "web" } });
  const worker = await startApp({ port: port + 1, env: { ...base, APP_ROLE: "worker", INTERNAL_BASE_URL: web.url } });
  return { web, all: [web, worker] };
}

interface LayoutRun {
  ingest: Record<number, LoadResult>;
  health: Record<number, LoadResult>;
  screen: Record<number, ScreenLatency>;
  /** Each process's peak. */
  peakRssMb: number[];
  accepted: Set<string>;
  /** The machine's 1-minute load average during the runs (it may be shared). */
  load: { min: number; max: number };
}

async function runLayout(layout: Layout, mix: Mix, target: Target, seeded: Seeded, settings: IngestBenchSettings): Promise<LayoutRun> {
  const media = await startMediaServer();
  const { web, all } = await startLayout(layout, target, settings.port, media.url);
  const accepted = new Set<string>();
  const run: LayoutRun = { ingest: {}, health: {}, screen: {}, peakRssMb: [], accepted, load: { min: Infinity, max: 0 } };
  const loadSampler = setInterval(() => {
    const [load] = os.loadavg();
    run.load = { min: Math.min(run.load.min, load!), max: Math.max(run.load.max, load!) };
  }, 1000);
  const options = (concurrency: number, seconds: number): IngestOptions => ({
    appUrl: web.url,
    publicBaseUrl: web.url,
    accountSid: seeded.accountSid,
    authToken: seeded.authToken,
    mediaUrl: media.url,
    existingCustomers: seeded.existingCustomers,
    concurrency,
    seconds,
    mms: mix !== "texts",
  });
  const watched: Record<number, { arrivals: Arrivals; acknowledgedAt: Map<string, number> }> = {};
  try {
    const cookie = await signIn(web.url, BENCH_AGENT);
    await runIngest(options(10, settings.warmupSeconds), accepted);
    for (const app of all) app.resetPeak();
    for (const concurrency of CONCURRENCIES) {
      // An agent has the inbox open throughout: every webhook of the runs is matched to its event.
      const screen = watchScreen(web.url, cookie);
      await screen.ready;
      const acknowledgedAt = new Map<string, number>();
      run.ingest[concurrency] = await repeat(settings.repeats, () => runIngest({ ...options(concurrency, settings.seconds), acknowledgedAt }, accepted));
      watched[concurrency] = { arrivals: await screen.stop(), acknowledgedAt };
      run.health[concurrency] = await repeat(settings.repeats, () => runLoad({ concurrency, seconds: settings.seconds, makeRequest: () => ({ url: `${web.url}/api/health`, init: {} }) }));
      const { throughput, p99, errors, errorSamples } = run.ingest[concurrency]!;
      console.log(`${layout}, ${mix}: ingest c=${concurrency}: ${throughput.toFixed(0)}/s p99 ${p99.toFixed(1)} ms${errors ? ` (${errors} errors: ${errorSamples.join("; ")})` : ""}; health ${run.health[concurrency]!.throughput.toFixed(0)}/s`);
    }
    run.peakRssMb = all.map((app) => app.peakRssMb());
  } finally {
    clearInterval(loadSampler);
    for (const app of all.reverse()) await app.stop();
    media.close();
  }
  // PGlite is one process's folder: the benchmark reads it once the app has stopped.
  const check = await openTarget(target);
  try {
    for (const concurrency of CONCURRENCIES) {
      run.screen[concurrency] = await matchScreen(check.db, watched[concurrency]!.arrivals, watched[concurrency]!.acknowledgedAt);
      console.log(`${layout}, ${mix}: c=${concurrency}: 200 → screen p50 ${run.screen[concurrency]!.p50.toFixed(1)}, p95 ${run.screen[concurrency]!.p95.toFixed(1)} ms, ${run.screen[concurrency]!.missing} missed`);
    }
  } finally {
    await check.close();
  }
  return run;
}

/** Of the acknowledged MessageSids: how many are stored, and how many SIDs are stored more than once. */
export async function storedOnce(target: Target, accepted: Set<string>): Promise<{ found: number; duplicated: number }> {
  const check = await openTarget(target);
  try {
    const sids = [...accepted];
    let found = 0;
    for (let i = 0; i < sids.length; i += 5000) {
      const [row] = await check.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(inArray(messages.twilioSid, sids.slice(i, i + 5000)));
      found += row?.n ?? 0;
    }
    const duplicated = await check.db.select({ sid: messages.twilioSid }).from(messages).where(isNotNull(messages.twilioSid)).groupBy(messages.twilioSid).having(sql`count(*) > 1`);
    return { found, duplicated: duplicated.length };
  } finally {
    await check.close();
  }
}

/** The targets, set for the texts mix; the MMS mix is reported beside it without one. */
function ingestTarget(database: Target["name"], concurrency: number, mix: Mix): { target: string; ok: (result: LoadResult, health: LoadResult) => boolean | undefined } {
  if (mix !== "texts") return { target: "", ok: () => undefined };
  if (database === "pglite") return { target: concurrency === 10 ? "p99 < 100 ms" : "usable: p99 < 200 ms", ok: (r) => r.errors === 0 && r.p99 < (concurrency === 10 ? 100 : 200) };
  if (concurrency !== 10) return { target: "p99 < 150 ms, no errors", ok: (r) => r.errors === 0 && r.p99 < 150 };
  return { target: "≥ 500/s, p99 < 50 ms, ≥ 60 % of health", ok: (r, health) => r.errors === 0 && r.throughput >= 500 && r.p99 < 50 && r.throughput / health.throughput >= 0.6 };
}

/**
 * Ingest at concurrency 10 and 50 in each layout the database allows (PGlite: `all` only) and
 * each mix, with the 200 → screen latency during the runs, the floor, and the exactly-once check.
 */
export async function benchIngestLayouts(target: Target, seeded: Seeded, settings: IngestBenchSettings): Promise<Figure[]> {
  const database = target.name;
  const layouts: Layout[] = database === "postgresql" ? ["all", "1 web + 1 worker"] : ["all"];
  const runs: Array<{ layout: Layout; mix: Mix; run: LayoutRun }> = [];
  for (const layout of layouts) {
    for (const mix of MIXES) {
      console.log(`-- ${database}: ingest, ${layout}, ${mix}`);
      runs.push({ layout, mix, run: await runLayout(layout, mix, target, seeded, settings) });
    }
  }
  const floor = await startFloor(target, settings.port + 2);
  const floorRuns: Record<number, LoadResult> = {};
  try {
    for (const concurrency of CONCURRENCIES) {
      const options = { appUrl: floor.url, publicBaseUrl: floor.url, accountSid: seeded.accountSid, authToken: seeded.authToken, mediaUrl: "http://127.0.0.1:9", existingCustomers: seeded.existingCustomers, concurrency, seconds: settings.seconds };
      floorRuns[concurrency] = await repeat(settings.repeats, () => runIngest(options, new Set()));
      console.log(`floor c=${concurrency}: ${floorRuns[concurrency]!.throughput.toFixed(0)}/s`);
    }
  } finally {
    floor.stop();
  }

  const figures: Figure[] = [];
  for (const { layout: layoutName, mix, run } of runs) {
    const layout = `${layoutName}, ${mix}`;
    for (const concurrency of CONCURRENCIES) {
      const result = run.ingest[concurrency]!;
      const health = run.health[concurrency]!;
      const { target: text, ok } = ingestTarget(database, concurrency, mix);
      const load = `load ${run.load.min.toFixed(0)}–${run.load.max.toFixed(0)}`;
      figures.push({ database, scenario: `Ingest c=${concurrency}, ${layout}`, value: `${result.throughput.toFixed(0)}/s (${load})`, result, health, floor: floorRuns[concurrency], target: text, ok: ok(result, health) });
      const screen = run.screen[concurrency];
      if (!screen) continue;
      figures.push({
        database,
        scenario: `Ingest c=${concurrency}, ${layout}: webhook 200 → event on an agent's open inbox`,
        value: `${screen.seen} of ${screen.webhooks} texts seen, ${screen.missing} missed`,
        result: { requests: screen.seen, errors: screen.missing, seconds: settings.seconds, throughput: 0, p50: screen.p50, p95: screen.p95, p99: screen.p99, errorSamples: [] },
        target: `p95 < ${SCREEN_P95_MS} ms`,
        ok: screen.missing === 0 && screen.p95 < SCREEN_P95_MS,
      });
    }
    const [first, second] = run.peakRssMb;
    const rss = second === undefined ? `${first!.toFixed(0)} MB` : `web ${first!.toFixed(0)} MB, worker ${second.toFixed(0)} MB`;
    figures.push({ database, scenario: `Peak RSS: ingest, ${layout}`, value: rss, target: `< ${settings.rssTargetMb} MB${second === undefined ? "" : " each"}`, ok: Math.max(...run.peakRssMb) < settings.rssTargetMb });
    const { found, duplicated } = await storedOnce(target, run.accepted);
    figures.push({
      database,
      scenario: `Ingest, ${layout}: every acknowledged webhook stored once`,
      value: `${run.accepted.size} acknowledged, ${found} stored, ${duplicated} duplicated`,
      target: "nothing lost, nothing twice",
      ok: found === run.accepted.size && duplicated === 0,
    });
  }
  return figures;
}
