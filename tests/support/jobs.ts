import type { Database } from "@/db/client";
import { countPendingJobs } from "@/db/queries/jobs";
import { runDueJobs } from "@/lib/jobs/worker";

/** Runs durable jobs (including ones due a little later) until none is left. */
export async function runJobsUntilIdle(db: Database, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runDueJobs({ db });
    if ((await countPendingJobs({ db })) === 0) return;
    if (Date.now() > deadline) throw new Error("jobs still pending after the timeout");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
