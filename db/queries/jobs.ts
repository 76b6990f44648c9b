import "server-only";
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { jobs, type Job } from "../schema";

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  /** Work that must happen once per thing (one media download per attachment): a second enqueue is ignored. */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Inserts a job row as given; the app queues work through `enqueueJob` (lib/jobs/enqueue.ts), which checks its payload. */
export async function insertJob({ db, job }: { db: DbOrTx; job: NewJob }): Promise<void> {
  await db
    .insert(jobs)
    .values({ kind: job.kind, payload: job.payload, dedupeKey: job.dedupeKey, runAt: job.runAt, maxAttempts: job.maxAttempts })
    .onConflictDoNothing();
}

/** Inserts many job rows in one statement; those whose dedupe key exists already are left out. */
export async function insertJobs({ db, jobs: rows }: { db: DbOrTx; jobs: NewJob[] }): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(jobs)
    .values(rows.map((job) => ({ kind: job.kind, payload: job.payload, dedupeKey: job.dedupeKey, runAt: job.runAt, maxAttempts: job.maxAttempts })))
    .onConflictDoNothing();
}

/**
 * Claims due jobs for this worker. SKIP LOCKED lets every process poll the same table
 * without waiting on or double-taking each other's rows; the lease (locked_until) hands a
 * job to another worker if this process dies holding it.
 */
export async function claimDueJobs({ db, limit, leaseSeconds }: { db: DbOrTx; limit: number; leaseSeconds: number }): Promise<Job[]> {
  // The database's clock, not this process's: rows enqueued a moment ago carry the database's
  // now(), and every process must agree on when a job is due and when a lease ran out.
  const now = sql`now()`;
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(isNull(jobs.doneAt), isNull(jobs.failedAt), lte(jobs.runAt, now), or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now))))
    .orderBy(asc(jobs.runAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(jobs)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`, attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, due))
    .returning();
}

export async function completeJob({ db, id }: { db: DbOrTx; id: number }): Promise<void> {
  await db.update(jobs).set({ doneAt: new Date(), lockedUntil: null, lastError: null }).where(eq(jobs.id, id));
}

export async function retryJobLater({ db, id, runAt, error }: { db: DbOrTx; id: number; runAt: Date; error: string }): Promise<void> {
  await db.update(jobs).set({ runAt, lockedUntil: null, lastError: error }).where(eq(jobs.id, id));
}

export async function failJob({ db, id, error }: { db: DbOrTx; id: number; error: string }): Promise<void> {
  await db.update(jobs).set({ failedAt: new Date(), lockedUntil: null, lastError: error }).where(eq(jobs.id, id));
}

export async function countPendingJobs({ db, kind }: { db: DbOrTx; kind?: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(jobs)
    .where(and(isNull(jobs.doneAt), isNull(jobs.failedAt), kind ? eq(jobs.kind, kind) : undefined));
  return row?.n ?? 0;
}

/**
 * Deletes finished work older than the retention (done jobs after `doneDays`, given-up ones after
 * `failedDays`), at most `limit` rows, oldest first; returns how many went. Pending work is never touched.
 */
export async function pruneFinishedJobs({ db, doneDays, failedDays, limit }: { db: DbOrTx; doneDays: number; failedDays: number; limit: number }): Promise<number> {
  const old = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      or(
        lte(jobs.doneAt, sql`now() - make_interval(days => ${doneDays})`),
        lte(jobs.failedAt, sql`now() - make_interval(days => ${failedDays})`),
      ),
    )
    .limit(limit)
    .for("update", { skipLocked: true });
  const gone = await db.delete(jobs).where(inArray(jobs.id, old)).returning({ id: jobs.id });
  return gone.length;
}

/** Keeps a long job's lease while it makes progress, so no other worker takes it meanwhile. */
export async function extendJobLease({ db, id, seconds }: { db: DbOrTx; id: number; seconds: number }): Promise<void> {
  await db.update(jobs).set({ lockedUntil: sql`now() + make_interval(secs => ${seconds})` }).where(eq(jobs.id, id));
}
