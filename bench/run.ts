// `npm run bench`: builds and starts the production app, drives it over HTTP as Twilio and
// browsers would, and writes BENCHMARKS.md. BENCH_DATABASE_URL adds a PostgreSQL run.
import { execSync } from "node:child_process";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { messages } from "../db/schema";
import { appEnv, freshTarget, openTarget, type Target } from "./database";
import { BULK_TARGET_MS, runBulkScenario } from "./bulk-steps";
import { runInboxScenario } from "./inbox";
import { BUSINESS_NUMBER, runIngest, startMediaServer, type IngestOptions } from "./ingest";
import { benchIngestLayouts, storedOnce } from "./ingest-layouts";
import { runLive } from "./live";
import { percentile, type LoadResult } from "./load";
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
// The app on PORT; a worker process on PORT + 1 and the floor server on PORT + 2.
const PORT = Number(process.env.BENCH_PORT || 3300);
const RSS_TARGET_MB = 500;
const WEBHOOK_P99_DURING_SIGN_INS_MS = 200;
const SIGN_INS = Number(process.env.BENCH_SIGN_INS || 300);
const BULK_TICKETS = Number(process.env.BENCH_BULK_TICKETS || 10_000);

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

/** BENCH_SCENARIO=reports: only the reports page, 90 days for every integration, on the seeded inbox. */
async function benchReportsOnly(name: "pglite" | "postgresql", figures: Figure[]) {
  console.log(`\n== ${name}: reports`);
  // BENCH_REPORTS_DATABASE_URL: a database bench/report-seed.ts seeded, measured again as it is.
  const reused = name === "postgresql" ? process.env.BENCH_REPORTS_DATABASE_URL : undefined;
  const target: Target = reused ? { name: "postgresql", url: reused } : await freshTarget(name);
  if (!reused) {
    const setup = await openTarget(target);
    const seeded = await seedBase(setup.db);
    const seedStarted = Date.now();
    await seedInbox(setup.db, seeded, SCALE);
    console.log(`seeded ${SCALE.tickets} tickets, ${SCALE.tickets * SCALE.messagesPerTicket} messages in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
    await setup.close();
  }
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

/** A fresh database with the inbox at scale; the ingest mix's "existing customers" come from it. */
async function seededTarget(name: "pglite" | "postgresql") {
  const target = await freshTarget(name);
  const setup = await openTarget(target);
  const seeded = await seedBase(setup.db);
  const seedStarted = Date.now();
  const { bigTicketId } = await seedInbox(setup.db, seeded, SCALE);
  console.log(`seeded ${SCALE.tickets} tickets, ${SCALE.tickets * SCALE.messagesPerTicket} messages in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
  // The shop's customers: people with a ticket on the integration, some of it open (they
  // carry on a conversation), some closed (they come back).
  const regulars = rowsOf<{ phone: string }>(
    await setup.db.execute(sql`
      select c.phone_e164 as phone from customers c join tickets t on t.customer_id = c.id
      where t.integration_id = ${seeded.integrationId} order by md5(c.phone_e164) limit 2000`),
  );
  seeded.existingCustomers = regulars.map((row) => row.phone);
  await setup.close();
  return { target, seeded, bigTicketId };
}

const INGEST_SETTINGS = { port: PORT, seconds: SECONDS, repeats: REPEATS, warmupSeconds: WARMUP_SECONDS, rssTargetMb: RSS_TARGET_MB };

type SeededTarget = Awaited<ReturnType<typeof seededTarget>>;
/** A scenario on one database; `seeded` seeds the inbox at scale once for the scenarios that share it. */
type Scenario = (name: "pglite" | "postgresql", figures: Figure[], seeded: () => Promise<SeededTarget>) => Promise<void>;

/** BENCH_SCENARIO=ingest: ingest in each layout (PostgreSQL: all, and 1 web + 1 worker), on the seeded inbox. */
async function benchIngestOnly(name: "pglite" | "postgresql", figures: Figure[], seededInbox: () => Promise<SeededTarget>) {
  console.log(`\n== ${name}: ingest`);
  const { target, seeded } = await seededInbox();
  figures.push(...(await benchIngestLayouts(target, seeded, INGEST_SETTINGS)));
}

/** BENCH_SCENARIO=inbox: the inbox's reads at scale as a signed-in agent, and the app's memory meanwhile. */
async function benchInboxOnly(name: "pglite" | "postgresql", figures: Figure[], seededInbox: () => Promise<SeededTarget>) {
  console.log(`\n== ${name}: inbox`);
  const { target, seeded, bigTicketId } = await seededInbox();
  const app = await startApp({ port: PORT, env: { ...appEnv(target), PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}` } });
  try {
    const cookie = await signIn(app.url, BENCH_AGENT);
    app.resetPeak();
    figures.push(...inboxFigures(name, await runInboxScenario({ appUrl: app.url, cookie, integrationId: seeded.integrationId, bigTicketId, seconds: INBOX_SECONDS, repeats: REPEATS })));
    figures.push(memory(name, "inbox", app));
  } finally {
    await app.stop();
  }
}

/** "Select all matching" on BENCH_BULK_TICKETS (10,000) tickets + close, then Undo, on the target's database. */
async function bulkFigures(database: Figure["database"], target: Target): Promise<Figure[]> {
  const handle = await openTarget(target);
  try {
    const results = await runBulkScenario({ handle, count: BULK_TICKETS });
    return results.map((item) => {
      console.log(`${item.name}: ${(item.ms / 1000).toFixed(2)} s, ${item.changed} tickets changed`);
      return { database, scenario: item.name, value: `${(item.ms / 1000).toFixed(2)} s, ${item.changed.toLocaleString("en-US")} of ${item.tickets.toLocaleString("en-US")} tickets changed`, target: `< ${BULK_TARGET_MS / 1000} s`, ok: item.ok };
    });
  } finally {
    await handle.close();
  }
}

/** BENCH_SCENARIO=bulk: only the bulk step and its Undo, on a fresh database. */
async function benchBulkOnly(name: "pglite" | "postgresql", figures: Figure[]) {
  console.log(`\n== ${name}: bulk`);
  const target = await freshTarget(name);
  const setup = await openTarget(target);
  await seedBase(setup.db);
  await setup.close();
  figures.push(...(await bulkFigures(name, target)));
}

function inboxFigures(name: "pglite" | "postgresql", inbox: Awaited<ReturnType<typeof runInboxScenario>>): Figure[] {
  return inbox.map((item) => ({
    database: name,
    scenario: item.name,
    result: item.result,
    value: `${item.result.requests} requests`,
    target: `p95 < ${item.target} ms`,
    ok: item.result.errors === 0 && item.result.p95 < item.target,
  }));
}

async function benchTarget(name: "pglite" | "postgresql", figures: Figure[]) {
  console.log(`\n== ${name}`);
  const { target, seeded, bigTicketId } = await seededTarget(name);
  // 1. Inbound ingest in each layout, with /api/health, the floor and the agent's screen.
  figures.push(...(await benchIngestLayouts(target, seeded, INGEST_SETTINGS)));

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
  let outboundSids = 0;
  let outboundIds: { burst: string[]; steady: string[] } = { burst: [], steady: [] };
  try {
    // The sign-in flood's webhooks are checked below; the ingest layouts checked their own.
    await runIngest(options(10, WARMUP_SECONDS), accepted);

    // 2. The inbox at scale, as a signed-in agent.
    const cookie = await signIn(app.url, BENCH_AGENT);
    app.resetPeak();
    figures.push(...inboxFigures(name, await runInboxScenario({ appUrl: app.url, cookie, integrationId: seeded.integrationId, bigTicketId, seconds: INBOX_SECONDS, repeats: REPEATS })));
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

  const { found, duplicated } = await storedOnce(target, accepted);
  const check = await openTarget(target);
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

  figures.push({
    database: name,
    scenario: "Webhooks during the sign-in flood: every acknowledged one stored once",
    value: `${accepted.size} acknowledged, ${found} stored, ${duplicated} duplicated`,
    target: "nothing lost, nothing twice",
    ok: found === accepted.size && duplicated === 0,
  });
  figures.push({
    database: name,
    scenario: "Outbound: each reply sent once",
    value: `${outboundSids} replies, ${sentOnce[0]?.n ?? 0} agent messages with a Twilio SID`,
    target: "one SID per reply",
    ok: (sentOnce[0]?.n ?? 0) >= outboundSids,
  });

  // 6. A step on many tickets and its Undo, with the app stopped (it runs in this process, through the job handler).
  figures.push(...(await bulkFigures(name, target)));
}

async function main() {
  if (!process.env.BENCH_SKIP_BUILD) execSync("npx next build", { stdio: "inherit" });
  const figures: Figure[] = [];
  const only = process.env.BENCH_ONLY;
  const scenarios: Record<string, Scenario> = { ingest: benchIngestOnly, inbox: benchInboxOnly, "sign-in-flood": benchSignInFloodOnly, reports: benchReportsOnly, bulk: benchBulkOnly };
  // BENCH_SCENARIO=ingest,inbox runs both on one seeded inbox (the ingest's texts added to it).
  const chosen = (process.env.BENCH_SCENARIO ?? "").split(",").filter(Boolean);
  const scenarioOnly = chosen.length > 0;
  const unknown = chosen.filter((scenario) => !scenarios[scenario]);
  if (unknown.length) throw new Error(`BENCH_SCENARIO: no scenario ${unknown.join(", ")} (${Object.keys(scenarios).join(", ")}, or several with commas)`);
  const bench = async (name: "pglite" | "postgresql", list: Figure[]) => {
    if (!scenarioOnly) return benchTarget(name, list);
    let seeded: Promise<SeededTarget> | undefined;
    for (const scenario of chosen) await scenarios[scenario]!(name, list, () => (seeded ??= seededTarget(name)));
  };
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
