import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { bulkStepTickets, tickets } from "@/db/schema";
import { enqueueJobs } from "@/lib/jobs/enqueue";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import { SKIP_REASONS, type BatchResult, type BulkKind } from "./kind";

type SnoozeParams = { until: string };

/**
 * A `ticket.wake` job row per ticket, due at its time, as snoozing one ticket queues it: waking
 * happens in whichever process runs the row. An earlier row for another time finds nothing to do.
 */
async function queueWakes(tx: Transaction, rows: { id: string; until: string }[]) {
  await enqueueJobs({
    db: tx,
    jobs: rows.map(({ id, until }) => ({ kind: "ticket.wake" as const, payload: { ticketId: id, until }, runAt: new Date(until), dedupeKey: `wake:${id}:${until}` })),
  });
}

/**
 * Snoozes many open tickets until one time (a closed one is skipped). Undo puts back each
 * ticket's snooze as the step found it, on those still snoozed until the step's time: awake
 * again, or snoozed until its earlier time (awake, if that time has passed meanwhile).
 */
export const snooze: BulkKind<SnoozeParams> = {
  params: z.object({ until: z.iso.datetime() }),
  async apply({ tx, stepId, params: { until }, ticketIds }) {
    const rows = await tx
      .update(tickets)
      .set({ snoozedUntil: new Date(until) })
      .where(and(inArray(tickets.id, ticketIds), eq(tickets.status, "open"), sql`${tickets.snoozedUntil} is distinct from ${until}::timestamptz`))
      .returning({ id: tickets.id });
    await queueWakes(tx, rows.map((row) => ({ id: row.id, until })));
    const closed = await tx.select({ id: tickets.id }).from(tickets).where(and(inArray(tickets.id, ticketIds), eq(tickets.status, "closed")));
    return {
      changed: rows.map((row) => ({ ticketId: row.id, type: TICKET_EVENTS.snoozed, data: { until, bulkStepId: stepId } })),
      skipped: closed.map((row) => ({ ticketId: row.id, reason: SKIP_REASONS.closed })),
    };
  },
  async revert({ tx, stepId, params: { until }, ticketIds, undoOf }) {
    const found = await tx
      .select({
        id: tickets.id,
        still: sql<boolean>`${tickets.status} = 'open' and ${tickets.snoozedUntil} is not distinct from ${until}::timestamptz`,
        // The earlier snooze, when it is still ahead (by the database's clock, which wakes jobs run by).
        before: sql<string | null>`case when (${bulkStepTickets.before}->>'snoozedUntil')::timestamptz > now() then ${bulkStepTickets.before}->>'snoozedUntil' end`,
      })
      .from(tickets)
      .innerJoin(bulkStepTickets, and(eq(bulkStepTickets.ticketId, tickets.id), eq(bulkStepTickets.stepId, undoOf), isNotNull(bulkStepTickets.before)))
      .where(inArray(tickets.id, ticketIds));
    const result: BatchResult = { changed: [], skipped: [] };
    const back = new Map<string | null, string[]>();
    for (const row of found) {
      if (!row.still) result.skipped.push({ ticketId: row.id, reason: SKIP_REASONS.changedSince });
      else {
        const before = row.before ? new Date(row.before).toISOString() : null;
        back.set(before, [...(back.get(before) ?? []), row.id]);
      }
    }
    for (const [before, group] of back) {
      await tx.update(tickets).set({ snoozedUntil: before ? new Date(before) : null }).where(inArray(tickets.id, group));
      if (before) await queueWakes(tx, group.map((id) => ({ id, until: before })));
      const event = before
        ? { type: TICKET_EVENTS.snoozed, data: { until: before, bulkStepId: stepId, undo: true } }
        : { type: TICKET_EVENTS.unsnoozed, data: { until, bulkStepId: stepId, undo: true } };
      result.changed.push(...group.map((ticketId) => ({ ticketId, ...event })));
    }
    return result;
  },
};
