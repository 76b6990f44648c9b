import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { jobs } from "@/db/schema";
import { runDueJobs } from "@/lib/jobs/worker";
import { jobHandlers } from "@/lib/setup/jobs";

/** Runs background work to the end, letting time pass for jobs that were put off (retries, delays). */
export async function runJobsUntilIdle(db: Database, maxRounds = 20): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    await runDueJobs({ db, handlers: jobHandlers });
    const moved = await db
      .update(jobs)
      .set({ runAt: sql`now()`, lockedUntil: null })
      .where(sql`${jobs.doneAt} is null and ${jobs.failedAt} is null`)
      .returning({ id: jobs.id });
    if (moved.length === 0) return;
  }
  const [left] = await db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(sql`${jobs.doneAt} is null and ${jobs.failedAt} is null`);
  throw new Error(`background work did not finish: ${left?.n} jobs left`);
}
