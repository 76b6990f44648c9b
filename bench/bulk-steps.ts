// "Select all matching" on 10,000 tickets + close, then its Undo, each timed from the request
// to the last ticket changed, through the real job handler: `npm run bench:bulk` on its own,
// and a scenario of `npm run bench`.
import { randomInt } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import { bulkSteps, customers, phoneNumbers, smsIntegrations, tickets, users } from "../db/schema";
import { createBulkStep, undoBulkStep } from "../lib/bulk/steps";
import { runDueJobs } from "../lib/jobs/worker";
import { jobHandlers } from "../lib/setup/jobs";

export const BULK_TARGET_MS = 10_000;

export interface BulkFigure {
  name: string;
  ms: number;
  changed: number;
  tickets: number;
  ok: boolean;
}

async function seed(handle: DatabaseHandle, word: string, count: number) {
  const { db } = handle;
  const [agent] = await db.insert(users).values({ name: "Bench Bulk", email: `bulk-${randomInt(1e9)}@example.com`, passwordHash: "x", role: "agent" }).returning();
  const e164 = `+1415555${String(randomInt(1e4)).padStart(4, "0")}`;
  const [number] = await db
    .insert(phoneNumbers)
    .values({ e164, twilioSid: `PN${randomInt(1e9).toString(16).padStart(32, "b")}`, friendlyName: "Bench", country: "US", type: "local", twilioSms: true, twilioMms: true, source: "purchased" })
    .returning();
  const [integration] = await db.insert(smsIntegrations).values({ name: `Bench desk ${word}`, phoneNumberId: number!.id, phoneE164: number!.e164 }).returning();
  const base = randomInt(1_000_000, 8_000_000);
  for (let start = 0; start < count; start += 1000) {
    const size = Math.min(1000, count - start);
    const made = await db
      .insert(customers)
      .values(Array.from({ length: size }, (_, i) => ({ phoneE164: `+1628${String((base + start + i) % 10_000_000).padStart(7, "0")}`, name: `${word} ${start + i}`, country: "US" })))
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

/**
 * `count` open tickets of their own (found by one search word), closed by "select all
 * matching", then reopened by Undo. Runs in this process on the database it is given.
 */
export async function runBulkScenario({ handle, count }: { handle: DatabaseHandle; count: number }): Promise<BulkFigure[]> {
  const word = `bulkbench${randomInt(1e6)}`;
  const agent = await seed(handle, word, count);
  const close = await timed(handle, () => createBulkStep({ db: handle.db, actor: agent, request: { action: "close", selection: { matching: { view: "open", q: word } } } }));
  const undo = await timed(handle, () => undoBulkStep({ db: handle.db, actor: agent, stepId: close.id }));
  const [left] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(tickets).innerJoin(customers, eq(customers.id, tickets.customerId)).where(sql`${tickets.status} = 'closed' and ${customers.name} like ${`${word} %`}`);
  if (left?.n !== 0) throw new Error(`${left?.n} tickets still closed after Undo`);
  const figure = (name: string, result: { ms: number; changed: number }): BulkFigure => ({ name, ...result, tickets: count, ok: result.ms < BULK_TARGET_MS && result.changed === count });
  return [figure(`Bulk: select all ${count.toLocaleString("en-US")} matching + close`, close), figure("Bulk: Undo of that close", undo)];
}
