import type { Database, DbOrTx } from "@/db/client";
import { fillStepTickets, fillUndoStepTickets, finishBulkStep, getBulkStep, getUndoStepOf, insertBulkStep, listSkippedReasons } from "@/db/queries/bulk-steps";
import { inboxCondition } from "@/db/queries/inbox-conditions";
import { getUserById } from "@/db/queries/users";
import { tickets, type BulkStep, type User } from "@/db/schema";
import { inArray } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { kickJobWorker } from "@/lib/jobs/kick";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { overdueSinceNow } from "@/lib/tickets/response-target";
import { parseSearchQuery } from "@/lib/tickets/search";
import { snoozeRefusal } from "@/lib/tickets/snooze";
import { MAX_STEP_TICKETS, type BulkAction, type BulkSelection, type BulkStepRequest, type BulkStepView } from "./validation";

async function selectionCondition(db: DbOrTx, selection: BulkSelection, userId: string) {
  if ("ticketIds" in selection) return inArray(tickets.id, selection.ticketIds);
  const { view, integration, tag, q } = selection.matching;
  const since = view === "overdue" ? await overdueSinceNow({ db }) : null;
  return inboxCondition({ view, userId, integrationId: integration, tag, search: q ? parseSearchQuery(q).search : undefined, overdueSince: since });
}

function snoozeTime(raw: string): string {
  const until = new Date(raw);
  const refusal = snoozeRefusal(until, new Date());
  if (refusal) throw new AppError("bad_request", refusal, { until: refusal });
  return until.toISOString();
}

async function queueStep(db: DbOrTx, step: BulkStep) {
  await enqueueJob({ db, job: { kind: "bulk.run", payload: { stepId: step.id }, dedupeKey: `bulk:${step.id}` } });
  await publishInboxEvent({ db, event: { type: "bulk.progress", stepId: step.id, actorId: step.actorId, done: 0, total: step.total, status: "running" } });
}

/**
 * Makes a step: its tickets are fixed now (for "select all matching", by one INSERT … SELECT
 * from the inbox's own query), and a `bulk.run` job does the work. Returns at once.
 */
export async function createBulkStep({ db, actor, request }: { db: Database; actor: User; request: BulkStepRequest }): Promise<BulkStepView> {
  const { selection, action: name, ...given } = request;
  if (request.action === "assign" && request.assigneeId) {
    const assignee = await getUserById({ db, id: request.assigneeId });
    if (!assignee?.active) throw new AppError("bad_request", "That agent does not exist or is deactivated. Choose another.", { assigneeId: "Choose an active agent." });
  }
  // Stored as one instant (UTC), the form its wake-up job rows and Undo compare against.
  const params: Record<string, unknown> = request.action === "snooze" ? { until: snoozeTime(request.until) } : given;
  const step = await db.transaction(async (tx) => {
    const created = (await insertBulkStep({ db: tx, step: { actorId: actor.id, action: name, params } }))!;
    const total = await fillStepTickets({ db: tx, stepId: created.id, where: await selectionCondition(tx, selection, actor.id), limit: MAX_STEP_TICKETS + 1 });
    if (total === 0) throw new AppError("bad_request", "None of those tickets exist any more. Reload the inbox and select again.");
    if (total > MAX_STEP_TICKETS) {
      throw new AppError("bad_request", `That is more than ${MAX_STEP_TICKETS.toLocaleString("en-US")} tickets. Narrow the view or the search, then try again.`);
    }
    const step = { ...created, total };
    await queueStep(tx, step);
    return step;
  });
  kickJobWorker();
  return viewOf(db, step, actor);
}

/** Undo: a new step that puts back, on each ticket the step changed, what it found there. */
export async function undoBulkStep({ db, actor, stepId }: { db: Database; actor: User; stepId: string }): Promise<BulkStepView> {
  const undo = await db.transaction(async (tx) => {
    const original = await getBulkStep({ db: tx, id: stepId, forUpdate: true });
    if (!original) throw new AppError("not_found", "This change does not exist.");
    if (original.undoOf) throw new AppError("conflict", "An Undo cannot itself be undone.");
    if (original.actorId !== actor.id && actor.role !== "admin") throw new AppError("forbidden", "Only the agent who made this change, or an admin, can undo it.");
    if (original.status === "running") throw new AppError("conflict", "This change is still under way. Undo it once it has finished.");
    const created = await insertBulkStep({ db: tx, step: { actorId: actor.id, action: "undo", params: {}, undoOf: original.id } });
    if (!created) throw new AppError("conflict", "This change has already been undone.");
    const total = await fillUndoStepTickets({ db: tx, stepId: created.id, undoOf: original.id });
    if (total === 0) return (await finishBulkStep({ db: tx, stepId: created.id, status: "done" }))!;
    const step = { ...created, total };
    await queueStep(tx, step);
    return step;
  });
  kickJobWorker();
  return viewOf(db, undo, actor);
}

async function viewOf(db: Database, step: BulkStep, viewer: User): Promise<BulkStepView> {
  const [original, undoneBy, skippedReasons] = await Promise.all([
    step.undoOf ? getBulkStep({ db, id: step.undoOf }) : null,
    step.undoOf ? null : getUndoStepOf({ db, stepId: step.id }),
    step.skipped > 0 ? listSkippedReasons({ db, stepId: step.id }) : [],
  ]);
  const source = original ?? step;
  return {
    id: step.id,
    action: step.action as BulkAction | "undo",
    undoneAction: original ? (original.action as BulkAction) : null,
    assigneeId: typeof source.params.assigneeId === "string" ? source.params.assigneeId : null,
    tag: typeof source.params.tag === "string" ? source.params.tag : null,
    until: typeof source.params.until === "string" ? source.params.until : null,
    status: step.status,
    total: step.total,
    done: step.done,
    changed: step.changed,
    skipped: step.skipped,
    skippedReasons,
    error: step.status === "failed" ? "Part of this change could not be made. The tickets done so far keep it; select the rest and try again." : null,
    canUndo: !step.undoOf && !undoneBy && step.status !== "running" && step.changed > 0 && (step.actorId === viewer.id || viewer.role === "admin"),
  };
}

export async function getBulkStepView({ db, stepId, viewer }: { db: Database; stepId: string; viewer: User }): Promise<BulkStepView> {
  const step = await getBulkStep({ db, id: stepId });
  if (!step) throw new AppError("not_found", "This change does not exist.");
  return viewOf(db, step, viewer);
}
