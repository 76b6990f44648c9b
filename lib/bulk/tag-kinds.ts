import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { ensureTag, ticketHasTags } from "@/db/queries/tags";
import { tickets } from "@/db/schema";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { tagNameSchema } from "@/lib/tags/name";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import { SKIP_REASONS, type BatchResult, type BulkKind } from "./kind";

type TagParams = { tag: string };
const params = z.object({ tag: tagNameSchema });

/**
 * The tag row first (made when new, held FOR KEY SHARE), then the batch's tickets: the order
 * single tagging and an admin's rename, merge or delete take them in, so none deadlock.
 */
async function holdTag(tx: Transaction, name: string) {
  const { created } = await ensureTag({ tx, name });
  if (created) await publishInboxEvent({ db: tx, event: { type: "tags.changed" } });
}

/** Adds the tag to those of `ticketIds` without it; returns the ids it changed. */
async function addTag(tx: Transaction, ticketIds: string[], name: string): Promise<string[]> {
  const rows = await tx
    .update(tickets)
    .set({ tags: sql`array_append(${tickets.tags}, ${name}::text)` })
    .where(sql`${inArray(tickets.id, ticketIds)} and not ${ticketHasTags([name])}`)
    .returning({ id: tickets.id });
  return rows.map((row) => row.id);
}

/** Takes the tag off those of `ticketIds` that have it; returns the ids it changed. */
async function removeTag(tx: Transaction, ticketIds: string[], name: string): Promise<string[]> {
  const rows = await tx
    .update(tickets)
    .set({ tags: sql`array_remove(${tickets.tags}, ${name}::text)` })
    .where(sql`${inArray(tickets.id, ticketIds)} and ${ticketHasTags([name])}`)
    .returning({ id: tickets.id });
  return rows.map((row) => row.id);
}

function outcome(ticketIds: string[], changedIds: string[], type: string, data: Record<string, unknown>, skipTheRest: boolean): BatchResult {
  const changed = new Set(changedIds);
  return {
    changed: changedIds.map((ticketId) => ({ ticketId, type, data })),
    // For an Undo, a ticket the step changed that is no longer as the step left it was changed since.
    skipped: skipTheRest ? ticketIds.filter((id) => !changed.has(id)).map((ticketId) => ({ ticketId, reason: SKIP_REASONS.changedSince })) : [],
  };
}

/** Adds a tag to many tickets; Undo takes it off those that still have it. */
export const tag: BulkKind<TagParams> = {
  params,
  async prepare({ tx, params: { tag: name }, undo }) {
    if (!undo) await holdTag(tx, name);
  },
  async apply({ tx, stepId, params: { tag: name }, ticketIds }) {
    return outcome(ticketIds, await addTag(tx, ticketIds, name), TICKET_EVENTS.tagAdded, { tag: name, bulkStepId: stepId }, false);
  },
  async revert({ tx, stepId, params: { tag: name }, ticketIds }) {
    return outcome(ticketIds, await removeTag(tx, ticketIds, name), TICKET_EVENTS.tagRemoved, { tag: name, bulkStepId: stepId, undo: true }, true);
  },
};

/** Takes a tag off many tickets; Undo puts it back on those still without it. */
export const untag: BulkKind<TagParams> = {
  params,
  async prepare({ tx, params: { tag: name }, undo }) {
    if (undo) await holdTag(tx, name);
  },
  async apply({ tx, stepId, params: { tag: name }, ticketIds }) {
    return outcome(ticketIds, await removeTag(tx, ticketIds, name), TICKET_EVENTS.tagRemoved, { tag: name, bulkStepId: stepId }, false);
  },
  async revert({ tx, stepId, params: { tag: name }, ticketIds }) {
    return outcome(ticketIds, await addTag(tx, ticketIds, name), TICKET_EVENTS.tagAdded, { tag: name, bulkStepId: stepId, undo: true }, true);
  },
};
