// `npx tsx --conditions=react-server bench/ingest-cost.ts` with BENCH_DATABASE_URL: what filing one
// inbound text costs on PostgreSQL, without HTTP or concurrency: statements sent per message, and
// wall and CPU time per message, one message at a time, for each kind of text (new customer, known
// customer with an open ticket, a reopening). CPU time is this process's: less moved by other
// work on a shared machine than wall time.
import { drizzle } from "drizzle-orm/postgres-js";
import { eq } from "drizzle-orm";
import fs from "node:fs";
import postgres from "postgres";
import type { Database } from "../db/client";
import * as schema from "../db/schema";
import { recordInboundMessage } from "../lib/inbound/record";
import { parseInboundMessage } from "../lib/inbound/validation";
import { freshTarget, openTarget } from "./database";

const BUSINESS = "+14155550100";
const COUNT = Number(process.env.BENCH_COST_MESSAGES || 300);
const CONCURRENCY = 10;
const ROUNDS = Number(process.env.BENCH_COST_ROUNDS || 3);

/** The rollup trigger's function as migration 0014 wrote it: every text adds to its hour's shared rollup row. */
function hotRowTrigger(): string {
  const migration = fs.readFileSync("db/migrations/0014_report_rollup_triggers.sql", "utf8");
  const start = migration.indexOf("CREATE FUNCTION report_rollup_message");
  return migration.slice(start, migration.indexOf("END $$;", start) + "END $$;".length).replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION");
}
function deltaTrigger(): string {
  const migration = fs.readFileSync("db/migrations/0019_report_rollup_compaction.sql", "utf8");
  const start = migration.indexOf("CREATE OR REPLACE FUNCTION report_rollup_message");
  return migration.slice(start, migration.indexOf("END $$;", start) + "END $$;".length);
}

async function main() {
  const target = await freshTarget("postgresql");
  if (target.name !== "postgresql") throw new Error("PostgreSQL only");
  (await openTarget(target)).close();
  let statements = 0;
  const client = postgres(target.url, { max: 1, onnotice: () => {}, debug: () => void statements++ });
  const db = drizzle(client, { schema }) as unknown as Database;
  const [integration] = await db.insert(schema.smsIntegrations).values({ name: "Shop SMS", phoneE164: BUSINESS }).returning();

  let sid = 0;
  const text = (from: string) => {
    const parsed = parseInboundMessage({ MessageSid: `SM${String(sid++).padStart(32, "0")}`, AccountSid: `AC${"0".repeat(32)}`, From: from, To: BUSINESS, Body: "Where is my order?", NumMedia: "0", FromCountry: "US" });
    if (!parsed.ok) throw new Error(parsed.message);
    return recordInboundMessage({ db, message: parsed.message });
  };
  const customer = (i: number) => `+1628555${String(i).padStart(4, "0")}`;
  const measure = async (name: string, run: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await run(i); // warm-up: connection, prepared statements, JIT
    const [cpu, wall, sent] = [process.cpuUsage(), performance.now(), statements];
    for (let i = 20; i < COUNT + 20; i++) await run(i);
    const used = process.cpuUsage(cpu);
    console.log(
      `${name}: ${((statements - sent) / COUNT).toFixed(1)} statements, ${((performance.now() - wall) / COUNT).toFixed(2)} ms wall, ${((used.user + used.system) / 1000 / COUNT).toFixed(2)} ms CPU per message`,
    );
  };

  await measure("new customer's first text", (i) => text(customer(i)));
  await measure("known customer, open ticket", (i) => text(customer(i)));
  await db.update(schema.tickets).set({ status: "closed", closedAt: new Date() }).where(eq(schema.tickets.integrationId, integration!.id));
  await measure("known customer, ticket reopened", (i) => text(customer(i)));

  // Concurrency: CONCURRENCY connections filing known customers' texts for 5 s, with the
  // rollup trigger of migration 0014 (one shared row per hour) and of 0018 (deltas), alternately.
  const pool = postgres(target.url, { max: CONCURRENCY, onnotice: () => {} });
  const poolDb = drizzle(pool, { schema }) as unknown as Database;
  const concurrent = async (name: string) => {
    const waits: number[] = [];
    const until = performance.now() + 5000;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < until) {
          const parsed = parseInboundMessage({ MessageSid: `SM${String(sid++).padStart(32, "0")}`, AccountSid: `AC${"0".repeat(32)}`, From: customer(next++ % COUNT), To: BUSINESS, Body: "Any news?", NumMedia: "0", FromCountry: "US" });
          if (!parsed.ok) throw new Error(parsed.message);
          const started = performance.now();
          await recordInboundMessage({ db: poolDb, message: parsed.message });
          waits.push(performance.now() - started);
        }
      }),
    );
    waits.sort((a, b) => a - b);
    const at = (p: number) => waits[Math.min(waits.length - 1, Math.floor((p / 100) * waits.length))]!.toFixed(1);
    console.log(`c=${CONCURRENCY}, ${name}: ${(waits.length / 5).toFixed(0)}/s, p50 ${at(50)} ms, p99 ${at(99)} ms (load ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")})`);
  };
  for (let round = 0; round < ROUNDS; round++) {
    // Each first in turn, so a change in the machine's load does not favour one.
    const both = [
      async () => (await pool.unsafe(hotRowTrigger()), await concurrent("one shared rollup row (0014)")),
      async () => (await pool.unsafe(deltaTrigger()), await concurrent("rollup deltas (0018)")),
    ];
    for (const run of round % 2 ? both.reverse() : both) await run();
  }
  await pool.end();
  await client.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
