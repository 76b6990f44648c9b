import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";
import { bulkSteps, bulkStepTickets, tickets, type BulkStep } from "../schema";

/** What a ticket was before a step changed it: what Undo puts back. */
export interface TicketBefore {
  status: "open" | "closed";
  assigneeId: string | null;
  closedAt: string | null;
  tags: string[];
  /** Snoozed until then (ISO), or null: what Undo of a snooze puts back. */
  snoozedUntil: string | null;
}

export interface StepTicketOutcome {
  ticketId: string;
  outcome: "changed" | "unchanged" | "skipped";
  before: TicketBefore | null;
  reason?: string | null;
}

export async function insertBulkStep({
  db,
  step,
}: {
  db: DbOrTx;
  step: { actorId: string; action: string; params: Record<string, unknown>; undoOf?: string };
}): Promise<BulkStep | null> {
  const [row] = await db
    .insert(bulkSteps)
    .values({ ...step, total: 0 })
    .onConflictDoNothing({ target: bulkSteps.undoOf })
    .returning();
  return row ?? null;
}

/**
 * Fills the step's tickets from a condition on `tickets` (the inbox's own, for "select all
 * matching", or a list of ids) in one INSERT … SELECT, at most `limit` of them, and sets the
 * step's total. Returns the total.
 */
export async function fillStepTickets({ db, stepId, where, limit }: { db: DbOrTx; stepId: string; where: SQL | undefined; limit: number }): Promise<number> {
  const rows = rowsOf<{ total: number }>(
    await db.execute(sql`
      with chosen as (
        insert into ${bulkStepTickets} (step_id, ticket_id)
        select ${stepId}::uuid, ${tickets.id} from ${tickets} ${where ? sql`where ${where}` : sql``} limit ${limit}
        returning 1
      )
      update ${bulkSteps} set total = (select count(*)::int from chosen) where ${bulkSteps.id} = ${stepId} returning total`),
  );
  return Number(rows[0]?.total ?? 0);
}

/** An Undo step's tickets: those the step it reverts changed. Returns the total. */
export async function fillUndoStepTickets({ db, stepId, undoOf }: { db: DbOrTx; stepId: string; undoOf: string }): Promise<number> {
  const rows = rowsOf<{ total: number }>(
    await db.execute(sql`
      with chosen as (
        insert into ${bulkStepTickets} (step_id, ticket_id)
        select ${stepId}::uuid, ticket_id from ${bulkStepTickets} where step_id = ${undoOf} and outcome = 'changed'
        returning 1
      )
      update ${bulkSteps} set total = (select count(*)::int from chosen) where ${bulkSteps.id} = ${stepId} returning total`),
  );
  return Number(rows[0]?.total ?? 0);
}

export async function getBulkStep({ db, id, forUpdate = false }: { db: DbOrTx; id: string; forUpdate?: boolean }): Promise<BulkStep | null> {
  const query = db.select().from(bulkSteps).where(eq(bulkSteps.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function getUndoStepOf({ db, stepId }: { db: DbOrTx; stepId: string }): Promise<BulkStep | null> {
  const [row] = await db.select().from(bulkSteps).where(eq(bulkSteps.undoOf, stepId));
  return row ?? null;
}

/**
 * The next tickets of the step not yet done, locked for this transaction. SKIP LOCKED: a
 * second worker running the same step (after a lease ran out) takes other tickets, never these.
 */
export async function claimStepTickets({ db, stepId, limit }: { db: DbOrTx; stepId: string; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ ticketId: bulkStepTickets.ticketId })
    .from(bulkStepTickets)
    .where(and(eq(bulkStepTickets.stepId, stepId), eq(bulkStepTickets.done, false)))
    .orderBy(bulkStepTickets.ticketId)
    .limit(limit)
    .for("update", { skipLocked: true });
  return rows.map((row) => row.ticketId);
}

/** The tickets as they are now, locked until the transaction ends (in id order, so two steps never deadlock). */
export async function lockTicketStates({ db, ticketIds }: { db: DbOrTx; ticketIds: string[] }): Promise<Map<string, TicketBefore>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db
    .select({ id: tickets.id, status: tickets.status, assigneeId: tickets.assigneeId, closedAt: tickets.closedAt, tags: tickets.tags, snoozedUntil: tickets.snoozedUntil })
    .from(tickets)
    .where(inArray(tickets.id, ticketIds))
    .orderBy(tickets.id)
    .for("update");
  return new Map(
    rows.map((row) => [
      row.id,
      { status: row.status, assigneeId: row.assigneeId, closedAt: row.closedAt?.toISOString() ?? null, tags: row.tags, snoozedUntil: row.snoozedUntil?.toISOString() ?? null },
    ]),
  );
}

/** Marks the batch's tickets done with what happened to each, in one statement. */
export async function markStepTickets({ db, stepId, outcomes }: { db: DbOrTx; stepId: string; outcomes: StepTicketOutcome[] }): Promise<void> {
  if (outcomes.length === 0) return;
  const json = JSON.stringify(outcomes.map((o) => ({ ticket_id: o.ticketId, outcome: o.outcome, before: o.before, reason: o.reason ?? null })));
  await db.execute(sql`
    update ${bulkStepTickets} s
    set done = true, outcome = x.outcome::bulk_outcome, before = x.before, skipped_reason = x.reason
    from jsonb_to_recordset(${json}::jsonb) as x(ticket_id uuid, outcome text, before jsonb, reason text)
    where s.step_id = ${stepId} and s.ticket_id = x.ticket_id`);
}

/** Counts a finished batch into the step; returns the step as it now stands. */
export async function countStepBatch({
  db,
  stepId,
  done,
  changed,
  skipped,
}: {
  db: DbOrTx;
  stepId: string;
  done: number;
  changed: number;
  skipped: number;
}): Promise<BulkStep> {
  const [row] = await db
    .update(bulkSteps)
    .set({ done: sql`${bulkSteps.done} + ${done}`, changed: sql`${bulkSteps.changed} + ${changed}`, skipped: sql`${bulkSteps.skipped} + ${skipped}` })
    .where(eq(bulkSteps.id, stepId))
    .returning();
  return row!;
}

/** Ends a running step (done, or failed with the reason); null when it had already ended. */
export async function finishBulkStep({ db, stepId, status, error }: { db: DbOrTx; stepId: string; status: "done" | "failed"; error?: string }): Promise<BulkStep | null> {
  const [row] = await db
    .update(bulkSteps)
    .set({ status, error: error ?? null, finishedAt: sql`now()` })
    .where(and(eq(bulkSteps.id, stepId), eq(bulkSteps.status, "running")))
    .returning();
  return row ?? null;
}

/** Why tickets were skipped, with how many for each reason. */
export async function listSkippedReasons({ db, stepId }: { db: DbOrTx; stepId: string }): Promise<{ reason: string; count: number }[]> {
  const rows = await db
    .select({ reason: sql<string>`coalesce(${bulkStepTickets.skippedReason}, '')`, count: sql<number>`count(*)::int` })
    .from(bulkStepTickets)
    .where(and(eq(bulkStepTickets.stepId, stepId), eq(bulkStepTickets.outcome, "skipped")))
    .groupBy(bulkStepTickets.skippedReason)
    .orderBy(sql`count(*) desc`);
  return rows;
}

/** One ticket the step changed (which one does not matter), or null. */
export async function firstChangedTicket({ db, stepId }: { db: DbOrTx; stepId: string }): Promise<string | null> {
  const [row] = await db
    .select({ ticketId: bulkStepTickets.ticketId })
    .from(bulkStepTickets)
    .where(and(eq(bulkStepTickets.stepId, stepId), eq(bulkStepTickets.outcome, "changed")))
    .limit(1);
  return row?.ticketId ?? null;
}
