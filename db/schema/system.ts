import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** Process-independent settings: generated secrets, sandbox credentials, business hours. */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Durable background work. A row is written in the same transaction as the change that
 * needs it, so a crash after the commit never loses the work; workers in every process
 * claim rows with FOR UPDATE SKIP LOCKED.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull().$type<Record<string, unknown>>(),
    dedupeKey: text("dedupe_key"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("jobs_dedupe_key").on(t.dedupeKey),
    index("jobs_pending_idx").on(t.runAt).where(sql`${t.doneAt} is null and ${t.failedAt} is null`),
    // For pruning finished work (lib/jobs/worker.ts).
    index("jobs_done_idx").on(t.doneAt).where(sql`${t.doneAt} is not null`),
    index("jobs_failed_idx").on(t.failedAt).where(sql`${t.failedAt} is not null`),
  ],
);

export type Job = typeof jobs.$inferSelect;
