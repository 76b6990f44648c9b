import type { Database } from "@/db/client";
import type { Job } from "@/db/schema";
import { downloadInboundMedia, MEDIA_DOWNLOAD_JOB } from "@/lib/inbound/media";
import { RULES_RUN_JOB } from "@/lib/rules/job";
import { runRulesJob } from "@/lib/rules/run";

export type JobHandler = (input: { db: Database; job: Job }) => Promise<void>;

/** Every kind of durable background work, by the `kind` its rows carry. */
export const jobHandlers: Record<string, JobHandler> = {
  [MEDIA_DOWNLOAD_JOB]: downloadInboundMedia,
  [RULES_RUN_JOB]: runRulesJob,
};
