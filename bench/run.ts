// `npm run bench`: builds and starts the production app, drives it over HTTP as Twilio and
// browsers would, and writes BENCHMARKS.md. BENCH_DATABASE_URL adds a PostgreSQL run.
import { execSync, spawn } from "node:child_process";
import { inArray, sql } from "drizzle-orm";
import { messages } from "../db/schema";
import { appEnv, freshTarget, openTarget, type Target } from "./database";
import { runIngest, startMediaServer, type IngestOptions } from "./ingest";
import { medianRun, runLoad, type LoadResult } from "./load";
import { writeReport, type Figure } from "./report";
import { seedBase } from "./seed";
import { startApp } from "./server";

const SECONDS = Number(process.env.BENCH_SECONDS || 20);
const REPEATS = Number(process.env.BENCH_REPEATS || 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 5);
const PORT = 3300;
const FLOOR_PORT = 3390;

async function repeat(run: () => Promise<LoadResult>): Promise<LoadResult> {
  const runs: LoadResult[] = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await run());
  const median = medianRun(runs);
  return { ...median, errors: runs.reduce((sum, r) => sum + r.errors, 0), errorSamples: runs.flatMap((r) => r.errorSamples).slice(0, 5) };
}

async function startFloor(target: Target): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/floor-server.ts", String(FLOOR_PORT)], {
    env: { ...process.env, ...(target.name === "postgresql" ? { DATABASE_URL: target.url } : { DATA_DIR: "memory://", DATABASE_URL: "" }) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("READY") && resolve()));
  return { url: `http://127.0.0.1:${FLOOR_PORT}`, stop: () => child.kill("SIGTERM") };
}

async function benchTarget(name: "pglite" | "postgresql", figures: Figure[]) {
  console.log(`\n== ${name}`);
  const target = await freshTarget(name);
  const setup = await openTarget(target);
  const seeded = await seedBase(setup.db);
  await setup.close();

  const media = await startMediaServer();
  const app = await startApp({ port: PORT, env: { ...appEnv(target), PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}` } });
  const accepted = new Set<string>();
  const options = (concurrency: number, seconds: number): IngestOptions => ({
    appUrl: app.url,
    publicBaseUrl: app.url,
    accountSid: seeded.accountSid,
    authToken: seeded.authToken,
    mediaUrl: media.url,
    existingCustomers: seeded.existingCustomers,
    concurrency,
    seconds,
  });
  try {
    await runIngest(options(10, WARMUP_SECONDS), accepted);
    app.resetPeak();
    const ingest: Record<number, LoadResult> = {};
    const health: Record<number, LoadResult> = {};
    for (const concurrency of [10, 50]) {
      ingest[concurrency] = await repeat(() => runIngest(options(concurrency, SECONDS), accepted));
      health[concurrency] = await repeat(() =>
        runLoad({ concurrency, seconds: SECONDS, makeRequest: () => ({ url: `${app.url}/api/health`, init: {} }) }),
      );
      console.log(`ingest c=${concurrency}: ${ingest[concurrency]!.throughput.toFixed(0)}/s p99 ${ingest[concurrency]!.p99.toFixed(1)} ms; health ${health[concurrency]!.throughput.toFixed(0)}/s`);
    }
    const ingestPeak = app.peakRssMb();
    await app.stop();

    const floor = await startFloor(target);
    const floorRuns: Record<number, LoadResult> = {};
    for (const concurrency of [10, 50]) {
      floorRuns[concurrency] = await repeat(() => runIngest({ ...options(concurrency, SECONDS), appUrl: floor.url }, new Set()));
      console.log(`floor c=${concurrency}: ${floorRuns[concurrency]!.throughput.toFixed(0)}/s`);
    }
    floor.stop();

    const check = await openTarget(target);
    const sids = [...accepted];
    let found = 0;
    for (let i = 0; i < sids.length; i += 5000) {
      const [row] = await check.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(inArray(messages.twilioSid, sids.slice(i, i + 5000)));
      found += row?.n ?? 0;
    }
    const duplicated = await check.db
      .select({ sid: messages.twilioSid })
      .from(messages)
      .where(sql`${messages.twilioSid} is not null`)
      .groupBy(messages.twilioSid)
      .having(sql`count(*) > 1`);
    await check.close();

    for (const concurrency of [10, 50]) {
      figures.push({ database: name, scenario: `Ingest c=${concurrency}`, result: ingest[concurrency]!, health: health[concurrency]!, floor: floorRuns[concurrency]! });
    }
    figures.push({ database: name, scenario: "Ingest check", note: `${accepted.size} acknowledged, ${found} in the database, ${duplicated.length} duplicated`, ok: found === accepted.size && duplicated.length === 0 });
    figures.push({ database: name, scenario: "Peak RSS during ingest", value: ingestPeak, unit: "MB", target: 500 });
  } finally {
    await app.stop();
    media.close();
  }
}

async function main() {
  if (!process.env.BENCH_SKIP_BUILD) execSync("npx next build", { stdio: "inherit" });
  const figures: Figure[] = [];
  await benchTarget("pglite", figures);
  if (process.env.BENCH_DATABASE_URL) await benchTarget("postgresql", figures);
  else console.log("BENCH_DATABASE_URL is not set: PostgreSQL figures skipped.");
  writeReport(figures, { seconds: SECONDS, repeats: REPEATS });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
