// `npm run bench:bulk`: "select all matching" on 10,000 tickets + close, then Undo, each timed
// from the request to the last ticket changed, through the real job handler. PGlite in memory,
// and PostgreSQL when BENCH_DATABASE_URL names a server. BENCH_BULK_TICKETS changes the size.
import { randomInt } from "node:crypto";
import postgres from "postgres";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import { openPglite, openPostgres } from "../db/drivers";
import { bulkSteps, customers, phoneNumbers, smsIntegrations, tickets, users } from "../db/schema";
import { createBulkStep, undoBulkStep } from "../lib/bulk/steps";
import { runDueJobs } from "../lib/jobs/worker";
import { jobHandlers } from "../lib/setup/jobs";

const TICKETS = Number(process.env.BENCH_BULK_TICKETS || 10_000);
const TARGET_MS = 10_000;

async function seed(handle: DatabaseHandle, word: string) {
  const { db } = handle;
  const [agent] = await db.insert(users).values({ name: "Bench Bulk", email: `bulk-${randomInt(1e9)}@example.com`, passwordHash: "x", role: "agent" }).returning();
  const [number] = await db
    .insert(phoneNumbers)
    .values({ e164: "+14155550199", twilioSid: `PN${"b".repeat(32)}`, friendlyName: "Bench", country: "US", type: "local", twilioSms: true, twilioMms: true, source: "purchased" })
    .returning();
  const [integration] = await db.insert(smsIntegrations).values({ name: "Bench desk", phoneNumberId: number!.id, phoneE164: number!.e164 }).returning();
  for (let start = 0; start < TICKETS; start += 1000) {
    const size = Math.min(1000, TICKETS - start);
    const made = await db
      .insert(customers)
      .values(Array.from({ length: size }, (_, i) => ({ phoneE164: `+1628${String(start + i).padStart(7, "0")}`, name: `${word} ${start + i}`, country: "US" })))
      .returning({ id: customers.id });
    await db.insert(tickets).values(made.map((c) => ({ integrationId: integration!.id, customerId: c.id, lastMessagePreview: "Where is my order?" })));
  }
  return agent!;
}

async function timed(handle: DatabaseHandle, start: () => Promise<{ id: string }>): Promise<{ id: string; ms: number; changed: number }> {
  const began = performance.now();
  const step = await start();
  await runDueJobs({ db: handle.db, handlers: jobHandlers });
  const ms = performance.now() - began;
  const [row] = await handle.db.select().from(bulkSteps).where(eq(bulkSteps.id, step.id));
  if (row?.status !== "done") throw new Error(`the step did not finish: ${row?.status}`);
  return { id: step.id, ms, changed: row.changed };
}

async function run(name: string, handle: DatabaseHandle) {
  const word = `bulkbench${randomInt(1e6)}`;
  const agent = await seed(handle, word);
  const close = await timed(handle, () => createBulkStep({ db: handle.db, actor: agent, request: { action: "close", selection: { matching: { view: "open", q: word } } } }));
  const undo = await timed(handle, () => undoBulkStep({ db: handle.db, actor: agent, stepId: close.id }));
  return { name, close, undo };
}

function line(name: string, what: string, result: { ms: number; changed: number }) {
  const ok = result.ms < TARGET_MS && result.changed === TICKETS;
  console.log(`${name.padEnd(10)} ${what.padEnd(44)} ${(result.ms / 1000).toFixed(2).padStart(6)} s  ${result.changed.toLocaleString("en-US")} tickets  target < 10 s  ${ok ? "ok" : "MISSED"}`);
}

async function main() {
  const targets: [string, () => Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }>][] = [
    ["pglite", async () => ({ handle: await openPglite("memory://"), drop: async () => {} })],
  ];
  const server = process.env.BENCH_DATABASE_URL;
  if (server) {
    targets.push([
      "postgresql",
      async () => {
        const name = `bulk_bench_${Date.now()}`;
        const admin = postgres(server, { max: 1, onnotice: () => {} });
        await admin.unsafe(`create database ${name}`);
        const url = new URL(server);
        url.pathname = `/${name}`;
        const handle = await openPostgres(url.toString());
        const drop = async () => {
          await handle.close();
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          await admin.end();
        };
        return { handle, drop };
      },
    ]);
  }
  for (const [name, open] of targets) {
    const { handle, drop } = await open();
    const { close, undo } = await run(name, handle);
    line(name, `Select all ${TICKETS.toLocaleString("en-US")} matching + close`, close);
    line(name, "Undo of that close", undo);
    const [left] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(tickets).where(eq(tickets.status, "closed"));
    if (left?.n !== 0) throw new Error(`${left?.n} tickets still closed after Undo`);
    if (name === "pglite") await handle.close();
    else await drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
