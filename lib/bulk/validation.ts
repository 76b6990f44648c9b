import { z } from "zod";
import { tagNameSchema } from "@/lib/tags/name";
import { inboxFiltersSchema } from "@/lib/tickets/validation";

/** Tickets picked one by one: at most this many in one request (more are "select all matching"). */
export const MAX_PICKED_TICKETS = 1000;
/** The most tickets one step takes, so a step stays a few seconds' work. */
export const MAX_STEP_TICKETS = 50_000;

/** Which tickets: picked ones, or every ticket the inbox shows for a view, integration, tag and search (resolved on the server). */
export const bulkSelectionSchema = z.union([
  z.object({ ticketIds: z.array(z.uuid()).min(1, "Select at least one ticket.").max(MAX_PICKED_TICKETS, `Select at most ${MAX_PICKED_TICKETS.toLocaleString("en-US")} tickets, or “Select all matching”.`) }),
  z.object({
    matching: z.object({ view: inboxFiltersSchema.shape.view, integration: z.uuid().optional(), tag: inboxFiltersSchema.shape.tag, q: inboxFiltersSchema.shape.q }),
  }),
]);

/** A step to take on many tickets; each action is one entry (lib/bulk/kinds.ts does the work). */
export const bulkStepRequestSchema = z.intersection(
  z.discriminatedUnion("action", [
    z.object({ action: z.literal("assign"), assigneeId: z.uuid().nullable() }),
    z.object({ action: z.literal("close") }),
    z.object({ action: z.literal("reopen") }),
    z.object({ action: z.literal("tag"), tag: tagNameSchema }),
    z.object({ action: z.literal("untag"), tag: tagNameSchema }),
    // The time is checked against the clock when the step is made (lib/tickets/snooze.ts's snoozeRefusal).
    z.object({ action: z.literal("snooze"), until: z.iso.datetime({ offset: true, error: "Choose a date and time to wake the tickets." }) }),
  ]),
  z.object({ selection: bulkSelectionSchema }),
);
export type BulkStepRequest = z.infer<typeof bulkStepRequestSchema>;
export type BulkSelection = z.infer<typeof bulkSelectionSchema>;
export type BulkAction = BulkStepRequest["action"];

/** A step as the inbox shows it. */
export interface BulkStepView {
  id: string;
  action: BulkAction | "undo";
  /** For an Undo: what the step it reverts did. */
  undoneAction: BulkAction | null;
  assigneeId: string | null;
  /** For a tag or untag step (or its Undo): the tag's name. */
  tag: string | null;
  /** For a snooze step (or its Undo): when the tickets wake (ISO). */
  until: string | null;
  status: "running" | "done" | "failed";
  total: number;
  done: number;
  changed: number;
  skipped: number;
  skippedReasons: { reason: string; count: number }[];
  error: string | null;
  /** Undo is on offer: a finished step that changed something and has not been undone, made by the caller (or the caller is an admin). */
  canUndo: boolean;
}
