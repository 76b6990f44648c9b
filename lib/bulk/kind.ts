import { z } from "zod";
import type { Transaction } from "@/db/client";

/** One batch of a step: its tickets, already locked by the transaction. */
export interface BatchInput<P> {
  tx: Transaction;
  stepId: string;
  params: P;
  ticketIds: string[];
}

/** What a batch did: the tickets it changed (with the timeline event each gets), and those it skipped and why. */
export interface BatchResult {
  changed: { ticketId: string; type: string; data: Record<string, unknown> }[];
  skipped: { ticketId: string; reason: string }[];
}

/**
 * One thing a step can do to many tickets. `apply` changes a batch set-based and says what
 * it did; `revert` is its Undo: on the tickets the step `undoOf` changed, it puts back what
 * that step found (bulk_step_tickets.before), skipping a ticket someone changed since.
 */
export interface BulkKind<P> {
  params: z.ZodType<P>;
  /** Runs at the start of each batch, before its tickets are locked (a tag row is taken here, in the order single tagging takes it). */
  prepare?(input: { tx: Transaction; params: P; undo: boolean }): Promise<void>;
  apply(input: BatchInput<P>): Promise<BatchResult>;
  revert(input: BatchInput<P> & { undoOf: string }): Promise<BatchResult>;
}

export const SKIP_REASONS = {
  openElsewhere: "The customer already has an open ticket on this SMS integration",
  changedSince: "Changed by someone else since",
  agentGone: "The agent has been deactivated",
  closed: "Closed, and only an open ticket can be snoozed",
} as const;
