import type { DbOrTx } from "@/db/client";
import { compactMessageRollups } from "@/db/queries/report-rollups";
import type { JobHandler } from "@/lib/jobs/catalog";
import { enqueueJob } from "@/lib/jobs/enqueue";

export const ROLLUP_COMPACTION_EVERY_MS = 60_000;

/**
 * Queues a compaction due now, once per minute whatever the number of processes asking (the
 * job is keyed by the minute). Worker processes ask every minute (lib/setup/startup.ts).
 */
export async function queueRollupCompaction({ db, now = new Date() }: { db: DbOrTx; now?: Date }): Promise<void> {
  const minute = new Date(Math.floor(now.getTime() / ROLLUP_COMPACTION_EVERY_MS) * ROLLUP_COMPACTION_EVERY_MS);
  await enqueueJob({ db, job: { kind: "reports.compact", payload: {}, dedupeKey: `reports.compact:${minute.toISOString()}` } });
}

/**
 * Folds the deltas the rollup triggers appended into message_rollups, in one statement. Reports
 * are exact either way (they read rollups and deltas together); folding keeps what they read
 * small. A run that fails leaves the deltas as they were, for its retry or the next minute's run.
 */
export const compactReportRollupsJob: JobHandler<"reports.compact"> = async ({ db }) => {
  await compactMessageRollups({ db });
};
