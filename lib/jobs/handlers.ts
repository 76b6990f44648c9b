import type { Database } from "@/db/client";
import type { Job } from "@/db/schema";
import { downloadInboundMedia, MEDIA_DOWNLOAD_JOB } from "@/lib/inbound/media";
import { sendMessageJob } from "@/lib/outbound/send";
import { RULES_RUN_JOB } from "@/lib/rules/job";
import { runRulesJob } from "@/lib/rules/run";

export type JobHandler = (input: { db: Database; job: Job }) => Promise<void>;

// Loaded when a job runs rather than when this module loads: the sandbox's handlers
// themselves wake the worker, which imports this table.
const sandbox = (kind: string): JobHandler => async (input) => {
  const { sandboxJobHandlers } = await import("@/lib/sandbox/jobs");
  const handler = sandboxJobHandlers[kind];
  if (!handler) throw new Error(`No sandbox handler for ${kind}`);
  return handler(input);
};

/** Every kind of durable background work, by the `kind` its rows carry. */
export const jobHandlers: Record<string, JobHandler> = {
  [MEDIA_DOWNLOAD_JOB]: downloadInboundMedia,
  "message.send": sendMessageJob,
  [RULES_RUN_JOB]: runRulesJob,
  "sandbox.advance": sandbox("sandbox.advance"),
  "sandbox.callback": sandbox("sandbox.callback"),
  "sandbox.deliver": sandbox("sandbox.deliver"),
};
