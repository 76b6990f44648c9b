import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { rowsOf } from "@/db/client";
import { bulkStepTickets, tickets, users } from "@/db/schema";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import { SKIP_REASONS, type BatchResult, type BulkKind } from "./kind";
import { snooze } from "./snooze-kind";
import { tag, untag } from "./tag-kinds";

const ids = (rows: { id: string }[]) => new Set(rows.map((row) => row.id));

/**
 * Reopens closed tickets of the batch: none whose customer has an open ticket on that
 * integration already, and of several closed ones of the same customer and integration only
 * the latest (one open ticket per customer and integration). The rest are `blocked`.
 */
async function reopen(tx: Transaction, ticketIds: string[]): Promise<{ reopened: Set<string>; blocked: Set<string> }> {
  const candidates = await tx.select({ id: tickets.id }).from(tickets).where(and(inArray(tickets.id, ticketIds), eq(tickets.status, "closed")));
  if (candidates.length === 0) return { reopened: new Set(), blocked: new Set() };
  const list = sql.join(candidates.map((row) => sql`${row.id}::uuid`), sql`, `);
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with pick as (
        select distinct on (c.integration_id, c.customer_id) c.id
        from tickets c
        where c.id in (${list})
          and not exists (select 1 from tickets o where o.integration_id = c.integration_id and o.customer_id = c.customer_id and o.status = 'open')
        order by c.integration_id, c.customer_id, c.last_message_at desc, c.id desc
      )
      update tickets t set status = 'open', closed_at = null from pick where t.id = pick.id
      returning t.id`),
  );
  const reopened = ids(rows);
  return { reopened, blocked: new Set(candidates.map((row) => row.id).filter((id) => !reopened.has(id))) };
}

async function agentNames(tx: Transaction, agentIds: (string | null)[]): Promise<Map<string, { name: string; active: boolean }>> {
  const wanted = [...new Set(agentIds.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.name, active: users.active }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((row) => [row.id, row]));
}

function assignedEvent(stepId: string, assignee: { id: string; name: string } | null, undo = false) {
  const data = { bulkStepId: stepId, ...(undo ? { undo: true } : {}) };
  return assignee
    ? { type: TICKET_EVENTS.assigned, data: { ...data, assigneeId: assignee.id, assigneeName: assignee.name } }
    : { type: TICKET_EVENTS.unassigned, data };
}

const close: BulkKind<Record<string, never>> = {
  params: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async apply({ tx, stepId, ticketIds }) {
    const rows = await tx
      .update(tickets)
      // Closing ends a snooze and the wait, as it does one ticket at a time.
      .set({ status: "closed", closedAt: sql`now()`, snoozedUntil: null, waitingSince: null })
      .where(and(inArray(tickets.id, ticketIds), eq(tickets.status, "open")))
      .returning({ id: tickets.id });
    return { changed: rows.map((row) => ({ ticketId: row.id, type: TICKET_EVENTS.closed, data: { bulkStepId: stepId } })), skipped: [] };
  },
  async revert({ tx, stepId, ticketIds }) {
    const { reopened, blocked } = await reopen(tx, ticketIds);
    return {
      changed: [...reopened].map((ticketId) => ({ ticketId, type: TICKET_EVENTS.reopened, data: { bulkStepId: stepId, undo: true } })),
      skipped: [...blocked].map((ticketId) => ({ ticketId, reason: SKIP_REASONS.openElsewhere })),
    };
  },
};

const reopenKind: BulkKind<Record<string, never>> = {
  params: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async apply({ tx, stepId, ticketIds }) {
    const { reopened, blocked } = await reopen(tx, ticketIds);
    return {
      changed: [...reopened].map((ticketId) => ({ ticketId, type: TICKET_EVENTS.reopened, data: { bulkStepId: stepId } })),
      skipped: [...blocked].map((ticketId) => ({ ticketId, reason: SKIP_REASONS.openElsewhere })),
    };
  },
  async revert({ tx, stepId, ticketIds, undoOf }) {
    // Closed again with the time it was first closed, so reports keep its resolution time.
    const rows = rowsOf<{ id: string }>(
      await tx.execute(sql`
        update tickets t set status = 'closed', closed_at = coalesce((b.before->>'closedAt')::timestamptz, now())
        from ${bulkStepTickets} b
        where b.step_id = ${undoOf} and b.ticket_id = t.id and t.id in (${sql.join(ticketIds.map((id) => sql`${id}::uuid`), sql`, `)}) and t.status = 'open'
        returning t.id`),
    );
    return { changed: rows.map((row) => ({ ticketId: row.id, type: TICKET_EVENTS.closed, data: { bulkStepId: stepId, undo: true } })), skipped: [] };
  },
};

const assign: BulkKind<{ assigneeId: string | null }> = {
  params: z.object({ assigneeId: z.uuid().nullable() }),
  async apply({ tx, stepId, params, ticketIds }) {
    const agent = params.assigneeId ? (await agentNames(tx, [params.assigneeId])).get(params.assigneeId) : null;
    if (params.assigneeId && !agent?.active) return { changed: [], skipped: ticketIds.map((ticketId) => ({ ticketId, reason: SKIP_REASONS.agentGone })) };
    const rows = await tx
      .update(tickets)
      .set({ assigneeId: params.assigneeId })
      .where(and(inArray(tickets.id, ticketIds), sql`${tickets.assigneeId} is distinct from ${params.assigneeId}::uuid`))
      .returning({ id: tickets.id });
    const event = assignedEvent(stepId, params.assigneeId && agent ? { id: params.assigneeId, name: agent.name } : null);
    return { changed: rows.map((row) => ({ ticketId: row.id, ...event })), skipped: [] };
  },
  async revert({ tx, stepId, params, ticketIds, undoOf }) {
    const found = await tx
      .select({ id: tickets.id, current: tickets.assigneeId, before: sql<string | null>`${bulkStepTickets.before}->>'assigneeId'` })
      .from(tickets)
      .innerJoin(bulkStepTickets, and(eq(bulkStepTickets.ticketId, tickets.id), eq(bulkStepTickets.stepId, undoOf), isNotNull(bulkStepTickets.before)))
      .where(inArray(tickets.id, ticketIds));
    const agents = await agentNames(tx, found.map((row) => row.before));
    const result: BatchResult = { changed: [], skipped: [] };
    const back = new Map<string | null, string[]>();
    for (const row of found) {
      if (row.current !== params.assigneeId) result.skipped.push({ ticketId: row.id, reason: SKIP_REASONS.changedSince });
      else if (row.before && !agents.get(row.before)?.active) result.skipped.push({ ticketId: row.id, reason: SKIP_REASONS.agentGone });
      else back.set(row.before, [...(back.get(row.before) ?? []), row.id]);
    }
    for (const [assigneeId, group] of back) {
      await tx.update(tickets).set({ assigneeId }).where(inArray(tickets.id, group));
      const event = assignedEvent(stepId, assigneeId ? { id: assigneeId, name: agents.get(assigneeId)!.name } : null, true);
      result.changed.push(...group.map((ticketId) => ({ ticketId, ...event })));
    }
    return result;
  },
};

/**
 * Every action a step can take. Adding one is one entry here with its params, `apply` and
 * `revert`, its name in `bulkStepRequestSchema` (validation.ts) and its words in words.ts;
 * the job, progress and Undo need nothing more.
 */
export const BULK_KINDS = {
  assign,
  close,
  reopen: reopenKind,
  tag,
  untag,
  snooze,
};

export type BulkKindName = keyof typeof BULK_KINDS;

export function bulkKind(name: string): BulkKind<unknown> | null {
  return Object.hasOwn(BULK_KINDS, name) ? (BULK_KINDS[name as BulkKindName] as BulkKind<unknown>) : null;
}
