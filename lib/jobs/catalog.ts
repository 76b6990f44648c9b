import { z } from "zod";
import type { Database } from "@/db/client";
import type { Job } from "@/db/schema";

/**
 * Every kind of durable background work, by the `kind` its rows carry, with the payload it
 * takes. A payload is checked against its schema when the job is queued and again when it runs.
 * The handlers are handed to the worker at start (`lib/setup/jobs.ts`).
 */
export const jobPayloads = {
  /** Fetches one inbound attachment from Twilio (`lib/inbound/media.ts`). */
  "media.download": z.object({ attachmentId: z.uuid() }),
  /** Hands one stored agent message to Twilio (`lib/outbound/send.ts`). */
  "message.send": z.object({ messageId: z.uuid() }),
  /** Wakes a snoozed ticket at its time, unless it was woken or snoozed again meanwhile (`lib/tickets/snooze.ts`). */
  "ticket.wake": z.object({ ticketId: z.uuid(), until: z.iso.datetime() }),
  /** Runs the automation rules for one inbound message (`lib/rules/run.ts`). */
  "rules.run": z.object({ messageId: z.uuid(), ticketCreated: z.boolean().default(false) }),
  /** Folds the report rollups' deltas into the rollups; queued every minute by worker processes (`lib/reports/compact.ts`). */
  "reports.compact": z.object({}),
  /** Works through one step on many tickets, batch by batch (`lib/bulk/run.ts`). */
  "bulk.run": z.object({ stepId: z.uuid() }),
  /** Sandbox: a sent message's next carrier step (`lib/sandbox/lifecycle.ts`). */
  "sandbox.advance": z.object({
    sid: z.string(),
    step: z.enum(["sending", "sent", "final"]),
    mediaUrls: z.array(z.string()).default([]),
  }),
  /** Sandbox: one status callback to the app (`lib/sandbox/callbacks.ts`). */
  "sandbox.callback": z.object({ url: z.string(), params: z.record(z.string(), z.string()) }),
  /** Sandbox: one inbound message delivered to a number's webhook (`lib/sandbox/webhooks.ts`). */
  "sandbox.deliver": z.object({ sid: z.string(), stage: z.enum(["primary", "retry", "fallback"]) }),
} as const;

export type JobKind = keyof typeof jobPayloads;
export type JobPayload<K extends JobKind> = z.output<(typeof jobPayloads)[K]>;
export type JobPayloadInput<K extends JobKind> = z.input<(typeof jobPayloads)[K]>;

export type JobHandler<K extends JobKind> = (input: { db: Database; job: Job; payload: JobPayload<K> }) => Promise<void>;

/** A handler for each of the given kinds (all of them by default), typed by its payload. */
export type JobHandlers<K extends JobKind = JobKind> = { [P in K]: JobHandler<P> };

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(jobPayloads, kind);
}
