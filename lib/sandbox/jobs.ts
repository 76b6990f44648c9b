import type { JobHandlers } from "@/lib/jobs/catalog";
import { runStatusCallbackJob } from "./callbacks";
import { runAdvanceJob } from "./lifecycle";
import { runDeliverJob } from "./webhooks";

/** The sandbox's own durable background work, handed to the worker at start (lib/setup/jobs.ts). */
export const sandboxJobHandlers: JobHandlers<"sandbox.advance" | "sandbox.callback" | "sandbox.deliver"> = {
  "sandbox.advance": runAdvanceJob,
  "sandbox.callback": runStatusCallbackJob,
  "sandbox.deliver": runDeliverJob,
};
