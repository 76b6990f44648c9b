import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { insertJob } from "@/db/queries/jobs";
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
  const parsed = jobPayloads[job.kind].safeParse(job.payload);
  if (!parsed.success) throw new Error(`A ${job.kind} job's payload is not valid: ${z.prettifyError(parsed.error)}`);
  await insertJob({ db, job: { ...job, payload: parsed.data as Record<string, unknown> } });
}
