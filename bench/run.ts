// `npm run bench`: builds and starts the production app, drives it over HTTP as Twilio and
// browsers would, and writes BENCHMARKS.md. BENCH_DATABASE_URL adds a PostgreSQL run.
import { execSync, spawn } from "node:child_process";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { messages } from "../db/schema";
import { appEnv, freshTarget, openTarget, type Target } from "./database";
import { runInboxScenario } from "./inbox";
import { BUSINESS_NUMBER, runIngest, startMediaServer, type IngestOptions } from "./ingest";
import { runLive } from "./live";
import { medianRun, percentile, runLoad, type LoadResult } from "./load";
import { runOutbound } from "./outbound";
import { writeReport, type Figure } from "./report";
import { rowsOf } from "../db/client";
import { runReportsScenario } from "./reports";
import { BENCH_ADMIN, BENCH_AGENT, FULL_SCALE, seedBase, seedInbox, type InboxScale } from "./seed";
import { startApp, type AppServer } from "./server";
import { signIn } from "./session";
import { runWebhooksDuringSignInFlood } from "./sign-in-flood";

const SECONDS = Number(process.env.BENCH_SECONDS || 20);
const REPEATS = Number(process.env.BENCH_REPEATS || 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 5);
const INBOX_SECONDS = Number(process.env.BENCH_INBOX_SECONDS || 5);
const SCALE: InboxScale = process.env.BENCH_SMALL
  ? { tickets: 4_000, customers: 2_000, messagesPerTicket: 10, bigTicketMessages: 1_000 }
  : FULL_SCALE;
const PORT = Number(process.env.BENCH_PORT || 3300);
const FLOOR_PORT = 3390;
const RSS_TARGET_MB = 500;
const WEBHOOK_P99_DURING_SIGN_INS_MS = 200;
const SIGN_INS = Number(process.env.BENCH_SIGN_INS || 300);

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

function memory(database: Figure["database"], scenario: string, app: AppServer): Figure {
  const peak = app.peakRssMb();
  app.resetPeak();
  return { database, scenario: `Peak RSS: ${scenario}`, value: `${peak.toFixed(0)} MB`, target: `< ${RSS_TARGET_MB} MB`, ok: peak < RSS_TARGET_MB };
}

/** Webhooks at concurrency 10 while BENCH_SIGN_INS (300) wrong sign-ins run, half of them at a time. */
async function signInFloodFigure(database: Figure["database"], ingest: Omit<IngestOptions, "seconds">): Promise<Figure> {
  const at = Math.ceil(SIGN_INS / 2);
  const { baseline, webhooks, flood } = await runWebhooksDuringSignInFlood({ ...ingest, concurrency: 10 }, { signIns: SIGN_INS, concurrency: at, baselineSeconds: 10 });
  console.log(`sign-in flood: ${flood.signIns} sign-ins in ${flood.seconds.toFixed(1)} s; webhooks p99 ${webhooks.p99.toFixed(1)} ms (alone: ${baseline.p99.toFixed(1)} ms)`);
  return {
    database,
    scenario: `Webhooks c=10 during ${SIGN_INS} sign-ins, ${at} at once`,
    result: webhooks,
    value: `${webhooks.requests} webhooks (alone just before: p50 ${baseline.p50.toFixed(1)}, p99 ${baseline.p99.toFixed(1)} ms); ${flood.refused} of ${flood.signIns} sign-ins answered in ${flood.seconds.toFixed(1)} s (p50 ${flood.p50.toFixed(0)} ms), ${flood.errors} failed`,
    target: `p99 < ${WEBHOOK_P99_DURING_SIGN_INS_MS} ms`,
    ok: webhooks.errors === 0 && flood.errors === 0 && webhooks.p99 < WEBHOOK_P99_DURING_SIGN_INS_MS,
  };
}

/** BENCH_SCENARIO=sign-in-flood: only that scenario, on a database with the base seed. */
async function benchSignInFloodOnly(name: "pglite" | "postgresql", figures: Figure[]) {
  console.log(`\n== ${name}: sign-in flood`);
  const target = await freshTarget(name);
  const setup = await openTarget(target);
  const seeded = await seedBase(setup.db);
  await setup.close();
  const media = await startMediaServer();
  const app = await startApp({ port: PORT, env: { ...appEnv(target), PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}`, SANDBOX_STEP_MS: "0" } });
  try {
    const ingest = { appUrl: app.url, publicBaseUrl: app.url, accountSid: seeded.accountSid, authToken: seeded.authToken, mediaUrl: media.url, existingCustomers: [], concurrency: 10 };
    await runIngest({ ...ingest, seconds: WARMUP_SECONDS }, new Set());
    figures.push(await signInFloodFigure(name, ingest));
  } finally {
    await app.stop();
    media.close();
  }
}

/** The ingest figures of one database (`ok` against the targets: PostgreSQL's at c=10, PGlite usable). */
function ingestFigures(name: "pglite" | "postgresql", ingest: Record<number, LoadResult>, health: Record<number, LoadResult>, floorRuns: Record<number, LoadResult | undefined>): Figure[] {
  return [10, 50].map((concurrency) => {
    const result = ingest[concurrency]!;
    const ratio = result.throughput / health[concurrency]!.throughput;
    const ok =
      name === "postgresql"
        ? concurrency === 10
          ? result.errors === 0 && result.throughput >= 500 && result.p99 < 50 && ratio >= 0.6
          : result.errors === 0 && result.p99 < 150
        : result.errors === 0 && result.p99 < 200;
    const target = name === "postgresql" ? (concurrency === 10 ? "≥ 500/s, p99 < 50 ms, ≥ 60 % of health" : "p99 < 150 ms, no errors") : "usable: p99 < 200 ms";
    return { database: name, scenario: `Ingest c=${concurrency}`, result, health: health[concurrency], floor: floorRuns[concurrency], target, ok };
  });
}

/** Every acknowledged MessageSid stored, none twice. */
async function storedOnceFigure(name: "pglite" | "postgresql", target: Target, accepted: Set<string>): Promise<Figure> {
  const check = await openTarget(target);
  const sids = [...accepted];
  let found = 0;
  for (let i = 0; i < sids.length; i += 5000) {
    const [row] = await check.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(inArray(messages.twilioSid, sids.slice(i, i + 5000)));
    found += row?.n ?? 0;
  }
  const duplicated = await check.db.select({ sid: messages.twilioSid }).from(messages).where(isNotNull(messages.twilioSid)).groupBy(messages.twilioSid).having(sql`count(*) > 1`);
  await check.close();
  return {
    database: name,
    scenario: "Ingest: every acknowledged webhook stored once",
    value: `${accepted.size} acknowledged, ${found} stored, ${duplicated.length} duplicated`,
    target: "nothing lost, nothing twice",
    ok: found === accepted.size && duplicated.length === 0,
  };
}

/**
 * BENCH_SCENARIO=ingest: only inbound webhooks (and /api/health beside them) at concurrency 10
 * and 50, on an inbox of BENCH_SMALL's size, then the exactly-once check. No floor server.
 */
async function benchIngestOnly(name: "pglite" | "postgresql", figures: Figure[]) {
  console.log(`\n== ${name}: ingest`);
  const target = await freshTarget(name);
  const setup = await openTarget(target);
  const seeded = await seedBase(setup.db);
  await seedInbox(setup.db, seeded, { tickets: 4_000, customers: 2_000, messagesPerTicket: 10, bigTicketMessages: 10 });
  const regulars = rowsOf<{ phone: string }>(
    await setup.db.execute(sql`
      select c.phone_e164 as phone from customers c join tickets t on t.customer_id = c.id
      where t.integration_id = ${seeded.integrationId} order by md5(c.phone_e164) limit 2000`),
  );
  await setup.close();
  const media = await startMediaServer();
  const app = await startApp({ port: PORT, env: { ...appEnv(target), PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}`, SANDBOX_STEP_MS: "0", TWILIO_API_BASE_URL: media.url } });
  const accepted = new Set<string>();
  const options = (concurrency: number, seconds: number): IngestOptions => ({
    appUrl: app.url,
    publicBaseUrl: app.url,
    accountSid: seeded.accountSid,
    authToken: seeded.authToken,
    mediaUrl: media.url,
    existingCustomers: regulars.map((row) => row.phone),
    concurrency,
    seconds,
  });
  const ingest: Record<number, LoadResult> = {};
  const health: Record<number, LoadResult> = {};
  try {
    await runIngest(options(10, WARMUP_SECONDS), accepted);
    app.resetPeak();
    for (const concurrency of [10, 50]) {
      ingest[concurrency] = await repeat(() => runIngest(options(concurrency, SECONDS), accepted));
      health[concurrency] = await repeat(() => runLoad({ concurrency, seconds: SECONDS, makeRequest: () => ({ url: `${app.url}/api/health`, init: {} }) }));
      console.log(`ingest c=${concurrency}: ${ingest[concurrency]!.throughput.toFixed(0)}/s p50 ${ingest[concurrency]!.p50.toFixed(1)} p99 ${ingest[concurrency]!.p99.toFixed(1)} ms errors ${ingest[concurrency]!.errors} ${ingest[concurrency]!.errorSamples.join(", ")}; health ${health[concurrency]!.throughput.toFixed(0)}/s`);
    }
    figures.push(memory(name, "ingest", app));
  } finally {
    await app.stop();
    media.close();
  }
  figures.push(...ingestFigures(name, ingest, health, {}));
  figures.push(await storedOnceFigure(name, target, accepted));
}

/** BENCH_SCENARIO=reports: only the reports page, 90 days for every integration, on the seeded inbox. */
async function benchReportsOnly(name: "pglite" | "postgresql", figures: Figure[]) {
  console.log(`\n== ${name}: reports`);
  const target = await freshTarget(name);
  const setup = await openTarget(target);
  const seeded = await seedBase(setup.db);
  const seedStarted = Date.now();
  await seedInbox(setup.db, seeded, SCALE);
  console.log(`seeded ${SCALE.tickets} tickets, ${SCALE.tickets * SCALE.messagesPerTicket} messages in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
  await setup.close();
  const app = await startApp({ port: PORT, env: { ...appEnv(target), PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}` } });
  try {
    const cookie = await signIn(app.url, BENCH_ADMIN);
    app.resetPeak();
    for (const item of await runReportsScenario({ appUrl: app.url, cookie, seconds: INBOX_SECONDS })) {
      figures.push({
        database: name,
        scenario: item.name,
        result: item.result,
        value: `${item.result.requests} loads`,
        target: `p95 < ${item.target} ms`,
        ok: item.result.errors === 0 && item.result.p95 < item.target,
      });
    }
    figures.push(memory(name, "reports", app));
  } finally {
    await app.stop();
  }
}

async function benchTarget(name: "pglite" | "postgresql", figures: Figure[]) {
  console.log(`\n== ${name}`);
  const target = await freshTarget(name);
  const setup = await openTarget(target);
  const seeded = await seedBase(setup.db);
  const seedStarted = Date.now();
  const { bigTicketId } = await seedInbox(setup.db, seeded, SCALE);
  console.log(`seeded ${SCALE.tickets} tickets, ${SCALE.tickets * SCALE.messagesPerTicket} messages in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
  // The "existing customers" of the ingest mix are the shop's: people with a ticket on the
  // integration, some of it open (they carry on a conversation), some closed (they come back).
  const regulars = rowsOf<{ phone: string }>(
    await setup.db.execute(sql`
      select c.phone_e164 as phone from customers c join tickets t on t.customer_id = c.id
      where t.integration_id = ${seeded.integrationId} order by md5(c.phone_e164) limit 2000`),
  );
  seeded.existingCustomers = regulars.map((row) => row.phone);
  await setup.close();

  const media = await startMediaServer();
  // The media server stands in for Twilio's media host, the one place the app fetches media from.
  const app = await startApp({ port: PORT, env: { ...appEnv(target), PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}`, SANDBOX_STEP_MS: "0", TWILIO_API_BASE_URL: media.url } });
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
  const ingest: Record<number, LoadResult> = {};
  const health: Record<number, LoadResult> = {};
  let outboundSids = 0;
  let outboundIds: { burst: string[]; steady: string[] } = { burst: [], steady: [] };
  try {
    // 1. Inbound ingest, with the framework's floor (/api/health) measured by the same process.
    await runIngest(options(10, WARMUP_SECONDS), accepted);
    app.resetPeak();
    for (const concurrency of [10, 50]) {
      ingest[concurrency] = await repeat(() => runIngest(options(concurrency, SECONDS), accepted));
      health[concurrency] = await repeat(() => runLoad({ concurrency, seconds: SECONDS, makeRequest: () => ({ url: `${app.url}/api/health`, init: {} }) }));
      console.log(`ingest c=${concurrency}: ${ingest[concurrency]!.throughput.toFixed(0)}/s p99 ${ingest[concurrency]!.p99.toFixed(1)} ms; health ${health[concurrency]!.throughput.toFixed(0)}/s`);
    }
    figures.push(memory(name, "ingest", app));
    // Let the media downloads and jobs the ingest left finish before measuring reads.
    await new Promise((resolve) => setTimeout(resolve, 5000));

    // 2. The inbox at scale, as a signed-in agent.
    const cookie = await signIn(app.url, BENCH_AGENT);
    app.resetPeak();
    const inbox = await runInboxScenario({ appUrl: app.url, cookie, integrationId: seeded.integrationId, bigTicketId, seconds: INBOX_SECONDS, repeats: REPEATS });
    for (const item of inbox) {
      figures.push({
        database: name,
        scenario: item.name,
        result: item.result,
        value: `${item.result.requests} requests`,
        target: `p95 < ${item.target} ms`,
        ok: item.result.errors === 0 && item.result.p95 < item.target,
      });
    }
    figures.push(memory(name, "inbox", app));

    // 3. Live latency with 50 connected browsers.
    const liveRuns = [];
    for (let i = 0; i < REPEATS; i++) {
      liveRuns.push(await runLive({ appUrl: app.url, cookie, accountSid: seeded.accountSid, authToken: seeded.authToken, businessNumber: BUSINESS_NUMBER, clients: 50, seconds: SECONDS }));
    }
    const live = [...liveRuns].sort((a, b) => a.p95 - b.p95)[Math.floor(liveRuns.length / 2)]!;
    console.log(`live: ${live.samples} samples, p50 ${live.p50.toFixed(1)} ms, p95 ${live.p95.toFixed(1)} ms, missing ${live.missing}`);
    figures.push({
      database: name,
      scenario: "Live: webhook 200 → SSE event, 50 clients",
      value: `${live.webhooks} webhooks × ${live.clients} clients, ${live.missing} missed; ${((live.beforeResponse / Math.max(1, live.samples)) * 100).toFixed(0)} % arrived before the 200; from sending: p50 ${live.fromSent.p50.toFixed(1)}, p95 ${live.fromSent.p95.toFixed(1)} ms`,
      result: { requests: live.samples, errors: live.missing, seconds: SECONDS, throughput: 0, p50: live.p50, p95: live.p95, p99: live.p99, errorSamples: [] },
      target: "p95 < 250 ms",
      ok: live.missing === 0 && live.p95 < 250,
    });
    figures.push(memory(name, "live", app));

    // 4. Outbound: agents' replies through the sandbox, status callbacks back. First as fast
    // as agents can send (throughput), then at a steady pace (how long "delivered" takes
    // when the app is not behind).
    const outbound = await runOutbound({ appUrl: app.url, cookie, concurrency: 5, seconds: SECONDS });
    const steady = await runOutbound({ appUrl: app.url, cookie, concurrency: 2, seconds: SECONDS, pauseMs: 500 });
    outboundSids = outbound.sent + steady.sent;
    outboundIds = { burst: outbound.messageIds, steady: steady.messageIds };
    console.log(`outbound: ${outbound.accepted.throughput.toFixed(0)} replies/s accepted; ${outbound.delivered + steady.delivered} of ${outbound.sent + steady.sent} delivered`);
    figures.push({ database: name, scenario: "Outbound: replies accepted, 5 agents at full speed", result: outbound.accepted, target: "" });
    figures.push(memory(name, "outbound", app));

    // 5. A sign-in flood: password hashing must leave webhooks their time.
    figures.push(await signInFloodFigure(name, options(10, SECONDS)));
  } finally {
    await app.stop();
    media.close();
  }

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
  const duplicated = await check.db.select({ sid: messages.twilioSid }).from(messages).where(isNotNull(messages.twilioSid)).groupBy(messages.twilioSid).having(sql`count(*) > 1`);
  const sentOnce = await check.db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.direction, "outbound"), isNotNull(messages.authorId), isNotNull(messages.twilioSid)));
  const timing = async (ids: string[]) => {
    const rows: Array<{ status: string; createdAt: Date; statusChangedAt: Date }> = [];
    for (let i = 0; i < ids.length; i += 5000) {
      rows.push(...(await check.db.select({ status: messages.status, createdAt: messages.createdAt, statusChangedAt: messages.statusChangedAt }).from(messages).where(inArray(messages.id, ids.slice(i, i + 5000)))));
    }
    const delivered = rows.filter((row) => row.status === "delivered");
    const waits = delivered.map((row) => row.statusChangedAt.getTime() - row.createdAt.getTime()).sort((a, b) => a - b);
    const first = Math.min(...rows.map((row) => row.createdAt.getTime()));
    const last = Math.max(...delivered.map((row) => row.statusChangedAt.getTime()));
    return { sent: ids.length, delivered: delivered.length, waits, perSecond: delivered.length / ((last - first) / 1000) };
  };
  const burst = await timing(outboundIds.burst);
  const steadyTiming = await timing(outboundIds.steady);
  await check.close();
  const waitResult = (waits: number[]): LoadResult => ({ requests: waits.length, errors: 0, seconds: 0, throughput: 0, p50: percentile(waits, 50), p95: percentile(waits, 95), p99: percentile(waits, 99), errorSamples: [] });
  figures.push({
    database: name,
    scenario: "Outbound: stored → delivered, 5 agents at full speed",
    result: waitResult(burst.waits),
    value: `${burst.perSecond.toFixed(0)} delivered/s; ${burst.delivered} of ${burst.sent} delivered`,
    target: "every reply delivered",
    ok: burst.delivered === burst.sent,
  });
  figures.push({
    database: name,
    scenario: "Outbound: stored → delivered, ~4 replies/s",
    result: waitResult(steadyTiming.waits),
    value: `${steadyTiming.delivered} of ${steadyTiming.sent} delivered`,
    target: "every reply delivered",
    ok: steadyTiming.delivered === steadyTiming.sent,
  });

  for (const concurrency of [10, 50]) {
    const result = ingest[concurrency]!;
    const ratio = result.throughput / health[concurrency]!.throughput;
    const ok =
      name === "postgresql"
        ? concurrency === 10
          ? result.errors === 0 && result.throughput >= 500 && result.p99 < 50 && ratio >= 0.6
          : undefined
        : result.errors === 0 && result.p99 < 200;
    const target = name === "postgresql" ? (concurrency === 10 ? "≥ 500/s, p99 < 50 ms, ≥ 60 % of health" : "") : "usable: p99 < 200 ms";
    figures.push({ database: name, scenario: `Ingest c=${concurrency}`, result, health: health[concurrency], floor: floorRuns[concurrency], target, ok });
  }
  figures.push({
    database: name,
    scenario: "Ingest: every acknowledged webhook stored once",
    value: `${accepted.size} acknowledged, ${found} stored, ${duplicated.length} duplicated`,
    target: "nothing lost, nothing twice",
    ok: found === accepted.size && duplicated.length === 0,
  });
  figures.push({
    database: name,
    scenario: "Outbound: each reply sent once",
    value: `${outboundSids} replies, ${sentOnce[0]?.n ?? 0} agent messages with a Twilio SID`,
    target: "one SID per reply",
    ok: (sentOnce[0]?.n ?? 0) >= outboundSids,
  });
}

async function main() {
  if (!process.env.BENCH_SKIP_BUILD) execSync("npx next build", { stdio: "inherit" });
  const figures: Figure[] = [];
  const only = process.env.BENCH_ONLY;
  const scenarios: Record<string, typeof benchTarget> = { "sign-in-flood": benchSignInFloodOnly, reports: benchReportsOnly, ingest: benchIngestOnly };
  const scenarioOnly = !!process.env.BENCH_SCENARIO;
  const bench = process.env.BENCH_SCENARIO ? scenarios[process.env.BENCH_SCENARIO] : benchTarget;
  if (!bench) throw new Error(`BENCH_SCENARIO: no scenario ${process.env.BENCH_SCENARIO} (sign-in-flood, reports or ingest)`);
  if (!only || only === "pglite") await bench("pglite", figures);
  if (process.env.BENCH_DATABASE_URL && (!only || only === "postgresql")) await bench("postgresql", figures);
  else if (!process.env.BENCH_DATABASE_URL) console.log("BENCH_DATABASE_URL is not set: PostgreSQL figures skipped.");
  // PostgreSQL first: it is the one with targets.
  figures.sort((a, b) => (a.database === b.database ? 0 : a.database === "postgresql" ? -1 : 1));
  writeReport(figures, { seconds: SECONDS, repeats: REPEATS, partial: scenarioOnly || !!only });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
