import type { Database } from "@/db/client";
import { getDb } from "@/db";
import { pruneViewers } from "@/db/queries/presence";
import { claimDueJobs, completeJob, failJob, pruneFinishedJobs, retryJobLater } from "@/db/queries/jobs";
import type { Job } from "@/db/schema";
import { env } from "@/env";
import { describeError, errorText, log } from "@/lib/log";
import { isJobKind, type JobHandler, type JobHandlers, type JobKind, jobPayloads } from "./catalog";
import { setJobWorkerWake } from "./kick";
import { RetryLater } from "./retry";

const LEASE_SECONDS = 60;
const BATCH = 20;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const PRUNE_BATCH = 1000;

function backoff(attempts: number): Date {
  const seconds = Math.min(2 ** attempts, 300);
  return new Date(Date.now() + seconds * 1000);
}

async function runJob(db: Database, job: Job, handlers: JobHandlers): Promise<void> {
  const handler = isJobKind(job.kind) ? (handlers[job.kind] as JobHandler<JobKind> | undefined) : undefined;
  if (!handler) {
    await failJob({ db, id: job.id, error: `No handler for job kind ${job.kind}` });
    log.error({ jobId: job.id, kind: job.kind }, "job kind has no handler");
    return;
  }
  // A payload that does not fit will not fit on the next try either.
  const payload = jobPayloads[job.kind as JobKind].safeParse(job.payload);
  if (!payload.success) {
    await failJob({ db, id: job.id, error: `${job.kind} job has a malformed payload` });
    log.error({ jobId: job.id, kind: job.kind }, "job payload does not match its kind");
    return;
  }
  try {
    await handler({ db, job, payload: payload.data as never });
    await completeJob({ db, id: job.id });
  } catch (error) {
    const message = errorText(error);
    if (error instanceof RetryLater && job.attempts < job.maxAttempts) {
      await retryJobLater({ db, id: job.id, runAt: error.runAt ?? backoff(job.attempts), error: message });
    } else if (job.attempts >= job.maxAttempts || (error instanceof RetryLater && error.final)) {
      await failJob({ db, id: job.id, error: message });
      log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts }, "job gave up");
    } else {
      await retryJobLater({ db, id: job.id, runAt: backoff(job.attempts), error: message });
      log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, err: describeError(error) }, "job failed, will retry");
    }
  }
}

/** Runs every job that is due now with the given handlers, until none is left; returns how many ran. */
export async function runDueJobs({ db, handlers }: { db: Database; handlers: JobHandlers }): Promise<number> {
  let total = 0;
  for (;;) {
    const claimed = await claimDueJobs({ db, limit: BATCH, leaseSeconds: LEASE_SECONDS });
    if (claimed.length === 0) return total;
    await Promise.all(claimed.map((job) => runJob(db, job, handlers)));
    total += claimed.length;
  }
}

/**
 * Deletes finished jobs past their retention, in batches so no delete holds many locks;
 * every process may do it, SKIP LOCKED keeps them apart. Returns how many went.
 */
export async function pruneJobs({ db }: { db: Database }): Promise<number> {
  // Finished work is kept this long for looking into, then deleted; work that gave up at least 30 days.
  const doneDays = env().JOB_RETENTION_DAYS;
  const failedDays = Math.max(doneDays, 30);
  let total = 0;
  for (;;) {
    const gone = await pruneFinishedJobs({ db, doneDays, failedDays, limit: PRUNE_BATCH });
    total += gone;
    if (gone < PRUNE_BATCH) return total;
  }
}

interface WorkerState {
  handlers: JobHandlers;
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
  prunedAt: number;
}
const globalForWorker = globalThis as unknown as { __jobWorker?: WorkerState };

async function tick(state: WorkerState) {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  try {
    do {
      state.again = false;
      await runDueJobs({ db: await getDb(), handlers: state.handlers });
    } while (state.again);
    if (Date.now() - state.prunedAt >= PRUNE_EVERY_MS) {
      state.prunedAt = Date.now();
      const pruned = await pruneJobs({ db: await getDb() });
      if (pruned > 0) log.info({ pruned }, "deleted finished jobs past their retention");
      await pruneViewers({ db: await getDb() });
    }
  } catch (error) {
    log.warn({ err: describeError(error) }, "job worker pass failed");
  } finally {
    state.running = false;
  }
}

/**
 * Starts this process's worker with the handlers it runs (given at start, so the worker
 * imports none of them): a pass now, then one every second; finished jobs are pruned hourly.
 */
export function startJobWorker({ handlers }: { handlers: JobHandlers }): void {
  if (globalForWorker.__jobWorker) return;
  const state: WorkerState = { handlers, running: false, again: false, prunedAt: 0 };
  globalForWorker.__jobWorker = state;
  setJobWorkerWake(() => setImmediate(() => void tick(state)));
  state.timer = setInterval(() => void tick(state), env().JOB_POLL_MS);
  state.timer.unref();
  void tick(state);
}
