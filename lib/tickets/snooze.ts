import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { recordEvent } from "@/db/queries/events";
import { getTicket, updateTicket } from "@/db/queries/tickets";
import { tickets, type Ticket, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { JobHandler } from "@/lib/jobs/catalog";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { TICKET_EVENTS } from "./events";

/** How far ahead a ticket may be snoozed. */
export const MAX_SNOOZE_DAYS = 365;

/** Why `until` cannot be a wake-up time, in words; null when it can. */
export function snoozeRefusal(until: Date, now: Date): string | null {
  if (Number.isNaN(until.getTime())) return "Choose a date and time to wake the ticket.";
  if (until.getTime() <= now.getTime()) return "That time has passed. Choose a time in the future.";
  if (until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * 86_400_000) return "Snooze for a year at most.";
  return null;
}

/**
 * Puts an open ticket aside until `until`: it leaves the Open views for Snoozed, and a
 * `ticket.wake` job row, due then, brings it back whichever app process runs it (no timer
 * in memory). Snoozing again moves the time; the earlier job then finds nothing to do.
 */
export async function snoozeTicket({ db, ticketId, until, actor, now = new Date() }: { db: Database; ticketId: string; until: Date; actor: User; now?: Date }): Promise<Ticket> {
  const refusal = snoozeRefusal(until, now);
  if (refusal) throw new AppError("bad_request", refusal, { until: refusal });
  return db.transaction(async (tx) => {
    const ticket = await getTicket({ db: tx, id: ticketId, forUpdate: true });
    if (!ticket) throw new AppError("not_found", "This ticket does not exist.");
    if (ticket.status !== "open") throw new AppError("conflict", "Only an open ticket can be snoozed. Reopen it first.");
    const updated = (await updateTicket({ db: tx, id: ticketId, changes: { snoozedUntil: until } }))!;
    const stamp = until.toISOString();
    await enqueueJob({ db: tx, job: { kind: "ticket.wake", payload: { ticketId, until: stamp }, runAt: until, dedupeKey: `wake:${ticketId}:${stamp}` } });
    await recordEvent({ db: tx, ticketId, type: TICKET_EVENTS.snoozed, actorId: actor.id, data: { until: stamp } });
    await publishInboxEvent({ db: tx, event: { type: "ticket.updated", ticketId } });
    return updated;
  });
}

/** Wakes a snoozed ticket by hand, before its time. A ticket that is not snoozed is left as it is. */
export async function unsnoozeTicket({ db, ticketId, actor }: { db: Database; ticketId: string; actor: User }): Promise<Ticket> {
  return db.transaction(async (tx) => {
    const ticket = await getTicket({ db: tx, id: ticketId, forUpdate: true });
    if (!ticket) throw new AppError("not_found", "This ticket does not exist.");
    if (!ticket.snoozedUntil) return ticket;
    const updated = (await updateTicket({ db: tx, id: ticketId, changes: { snoozedUntil: null } }))!;
    await recordEvent({ db: tx, ticketId, type: TICKET_EVENTS.unsnoozed, actorId: actor.id, data: { until: ticket.snoozedUntil.toISOString() } });
    await publishInboxEvent({ db: tx, event: { type: "ticket.updated", ticketId } });
    return updated;
  });
}

/**
 * The `ticket.wake` job: reopens the ticket if it is still snoozed until exactly this time.
 * One statement decides, so a customer's message or an agent waking it meanwhile, or a
 * second worker running the same row after a lost lease, wakes it at most once.
 */
export const wakeTicketJob: JobHandler<"ticket.wake"> = async ({ db, payload }) => {
  await db.transaction(async (tx) => {
    const [woken] = await tx
      .update(tickets)
      .set({ snoozedUntil: null })
      .where(and(eq(tickets.id, payload.ticketId), eq(tickets.status, "open"), isNotNull(tickets.snoozedUntil), eq(tickets.snoozedUntil, sql`${payload.until}::timestamptz`)))
      .returning({ id: tickets.id });
    if (!woken) return;
    await recordEvent({ db: tx, ticketId: woken.id, type: TICKET_EVENTS.woken, data: { by: "time", until: payload.until } });
    await publishInboxEvent({ db: tx, event: { type: "ticket.updated", ticketId: woken.id } });
  });
};
