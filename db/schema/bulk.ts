import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tickets } from "./tickets";
import { users } from "./users";

export const bulkStepStatus = pgEnum("bulk_step_status", ["running", "done", "failed"]);

/**
 * One change an agent made to many tickets at once (assign, close, reopen, or the Undo of
 * such a step). Its tickets are fixed when it is made (bulk_step_tickets); a `bulk.run` job
 * works through them in batches, each batch one transaction.
 */
export const bulkSteps = pgTable(
  "bulk_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** The action's name in lib/bulk/kinds.ts ("assign", "close", "reopen", "undo"). */
    action: text("action").notNull(),
    params: jsonb("params").notNull().default({}).$type<Record<string, unknown>>(),
    status: bulkStepStatus("status").notNull().default("running"),
    total: integer("total").notNull(),
    /** Tickets worked through so far: changed + unchanged + skipped. */
    done: integer("done").notNull().default(0),
    changed: integer("changed").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    /** An Undo step: the step it reverts. A step is undone at most once. */
    undoOf: uuid("undo_of"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("bulk_steps_undo_of_key").on(t.undoOf), index("bulk_steps_actor_idx").on(t.actorId, t.createdAt.desc())],
);

export const bulkOutcome = pgEnum("bulk_outcome", ["changed", "unchanged", "skipped"]);

/** A step's tickets, each marked done in the same transaction that changed it. */
export const bulkStepTickets = pgTable(
  "bulk_step_tickets",
  {
    stepId: uuid("step_id")
      .notNull()
      .references(() => bulkSteps.id, { onDelete: "cascade" }),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    done: boolean("done").notNull().default(false),
    outcome: bulkOutcome("outcome"),
    /** What the step found on the ticket before changing it: Undo puts it back. */
    before: jsonb("before").$type<Record<string, unknown>>(),
    skippedReason: text("skipped_reason"),
  },
  (t) => [
    primaryKey({ columns: [t.stepId, t.ticketId] }),
    index("bulk_step_tickets_pending_idx").on(t.stepId, t.ticketId).where(sql`not ${t.done}`),
  ],
);

export type BulkStep = typeof bulkSteps.$inferSelect;
export type BulkStepTicket = typeof bulkStepTickets.$inferSelect;
