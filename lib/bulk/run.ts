import type { Database, Transaction } from "@/db/client";
import { claimStepTickets, countStepBatch, firstChangedTicket, finishBulkStep, getBulkStep, lockTicketStates, markStepTickets, type StepTicketOutcome } from "@/db/queries/bulk-steps";
import { recordEvents } from "@/db/queries/events";
import { extendJobLease } from "@/db/queries/jobs";
import type { BulkStep } from "@/db/schema";
import type { JobHandler } from "@/lib/jobs/catalog";
import { errorText, log } from "@/lib/log";
import { publishInboxEvent } from "@/lib/realtime/publish";
import type { BatchResult } from "./kind";
import { bulkKind } from "./kinds";

/**
 * How long the step's job stays this process's after each batch. A batch takes well under a
 * second, so a short lease lets another process take a killed one's step over soon; should a
 * slow batch outlast it, a second worker claims other tickets (SKIP LOCKED), never the same.
 */
const BULK_LEASE_SECONDS = 15;

/** Tickets per transaction: big enough that 1,000 take a few round trips, small enough that locks are brief. */
export const BULK_BATCH_SIZE = 250;

async function publishProgress(db: Parameters<typeof publishInboxEvent>[0]["db"], step: BulkStep) {
  await publishInboxEvent({ db, event: { type: "bulk.progress", stepId: step.id, actorId: step.actorId, done: step.done, total: step.total, status: step.status } });
}

/**
 * One batch, in one transaction: the next tickets not yet done are claimed, changed
 * set-based, given their timeline events, marked done with what was found on them, and
 * counted into the step. A process that dies midway leaves the batch wholly applied or not
 * at all; the rows still not done are what the job, picked up again, does next.
 * Returns whether it found any ticket left to do.
 */
export async function runBulkBatch({ db, step, batchSize = BULK_BATCH_SIZE }: { db: Database; step: BulkStep; batchSize?: number }): Promise<boolean> {
  const original = step.undoOf ? await getBulkStep({ db, id: step.undoOf }) : null;
  const kind = bulkKind(original?.action ?? step.action);
  if (!kind || (step.undoOf && !original)) throw new Error(`bulk step ${step.id} has no action it can run`);
  const params = kind.params.parse(original?.params ?? step.params);
  return db.transaction(async (tx) => {
    await kind.prepare?.({ tx, params, undo: !!original });
    const ticketIds = await claimStepTickets({ db: tx, stepId: step.id, limit: batchSize });
    if (ticketIds.length === 0) return false;
    const before = await lockTicketStates({ db: tx, ticketIds });
    const present = ticketIds.filter((id) => before.has(id));
    const input = { tx, stepId: step.id, params, ticketIds: present };
    const result: BatchResult = present.length === 0 ? { changed: [], skipped: [] } : original ? await kind.revert({ ...input, undoOf: original.id }) : await kind.apply(input);
    await recordEvents({ db: tx, actorId: step.actorId, rows: result.changed });
    const changed = new Set(result.changed.map((row) => row.ticketId));
    const skipped = new Map(result.skipped.map((row) => [row.ticketId, row.reason]));
    const outcomes: StepTicketOutcome[] = ticketIds.map((ticketId) => ({
      ticketId,
      outcome: changed.has(ticketId) ? "changed" : skipped.has(ticketId) ? "skipped" : "unchanged",
      before: before.get(ticketId) ?? null,
      reason: skipped.get(ticketId) ?? null,
    }));
    await markStepTickets({ db: tx, stepId: step.id, outcomes });
    const counted = await countStepBatch({ db: tx, stepId: step.id, done: ticketIds.length, changed: changed.size, skipped: skipped.size });
    await publishProgress(tx, counted);
    return true;
  });
}

/** Runs a step's remaining batches, then marks it done. */
export async function runBulkStep({ db, stepId, onBatch }: { db: Database; stepId: string; onBatch?: () => Promise<void> }): Promise<void> {
  const step = await getBulkStep({ db, id: stepId });
  if (!step || step.status !== "running") return;
  while (await runBulkBatch({ db, step })) await onBatch?.();
  await db.transaction(async (tx) => {
    const finished = await finishBulkStep({ db: tx, stepId, status: "done" });
    if (!finished) return;
    await publishProgress(tx, finished);
    await notifyAssignee(tx, finished);
  });
}

/**
 * The agent a step assigned tickets to hears of it as of a single assignment ("Ticket assigned
 * to you"), once for the whole step with how many, not once per ticket.
 */
async function notifyAssignee(tx: Transaction, step: BulkStep) {
  const assigneeId = step.action === "assign" ? step.params.assigneeId : null;
  if (typeof assigneeId !== "string" || step.changed === 0) return;
  const ticketId = await firstChangedTicket({ db: tx, stepId: step.id });
  if (ticketId) await publishInboxEvent({ db: tx, event: { type: "ticket.assigned", ticketId, assigneeId, actorId: step.actorId, count: step.changed } });
}

/** The `bulk.run` job. A batch that fails is retried with the job; when the job gives up, the step is marked failed, its finished batches kept. */
export const runBulkStepJob: JobHandler<"bulk.run"> = async ({ db, job, payload }) => {
  const extendLease = () => extendJobLease({ db, id: job.id, seconds: BULK_LEASE_SECONDS });
  try {
    await extendLease();
    await runBulkStep({ db, stepId: payload.stepId, onBatch: extendLease });
  } catch (error) {
    if (job.attempts >= job.maxAttempts) {
      await db.transaction(async (tx) => {
        const failed = await finishBulkStep({ db: tx, stepId: payload.stepId, status: "failed", error: errorText(error) });
        if (failed) await publishProgress(tx, failed);
      });
      log.warn({ stepId: payload.stepId }, "bulk step gave up");
    }
    throw error;
  }
};
