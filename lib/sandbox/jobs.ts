import type { JobHandler } from "@/lib/jobs/handlers";
import { runStatusCallbackJob, STATUS_CALLBACK_JOB } from "./callbacks";
import { ADVANCE_JOB, runAdvanceJob } from "./lifecycle";
import { DELIVER_JOB, runDeliverJob } from "./webhooks";

/** The sandbox's durable background work, by job kind. */
export const sandboxJobHandlers: Record<string, JobHandler> = {
  [ADVANCE_JOB]: runAdvanceJob,
  [STATUS_CALLBACK_JOB]: runStatusCallbackJob,
  [DELIVER_JOB]: runDeliverJob,
};
