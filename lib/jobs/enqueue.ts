import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { insertJob, insertJobs } from "@/db/queries/jobs";
import { type JobKind, type JobPayloadInput, jobPayloads } from "./catalog";

export interface NewJob<K extends JobKind> {
  kind: K;
  payload: JobPayloadInput<K>;
  /** Work that must happen once per thing (one media download per attachment): a second enqueue is ignored. */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Queues a job in the caller's transaction; call kickJobWorker() after the commit. A payload
 * that does not match its kind's schema in the catalog is refused before anything is written.
 */
export async function enqueueJob<K extends JobKind>({ db, job }: { db: DbOrTx; job: NewJob<K> }): Promise<void> {
  await insertJob({ db, job: checked(job) });
}

/** Queues many jobs in one statement (a step on many tickets), each checked as enqueueJob checks one. */
export async function enqueueJobs<K extends JobKind>({ db, jobs }: { db: DbOrTx; jobs: NewJob<K>[] }): Promise<void> {
  await insertJobs({ db, jobs: jobs.map(checked) });
}

function checked<K extends JobKind>(job: NewJob<K>) {
  const parsed = jobPayloads[job.kind].safeParse(job.payload);
  if (!parsed.success) throw new Error(`A ${job.kind} job's payload is not valid: ${z.prettifyError(parsed.error)}`);
  return { ...job, payload: parsed.data as Record<string, unknown> };
}
