import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { events, users, type TicketEvent } from "../schema";

export async function recordEvent({
  db,
  ticketId,
  type,
  actorId,
  data,
  at,
}: {
  db: DbOrTx;
  ticketId: string | null;
  type: string;
  actorId?: string | null;
  data?: Record<string, unknown>;
  /** When it happened, where it must line up with a message stamped in the same change; else the database's now. */
  at?: Date;
}): Promise<void> {
  await db.insert(events).values({ ticketId, type, actorId: actorId ?? null, data: data ?? {}, createdAt: at });
}

/**
 * The ticket's timeline events in [from, to), oldest first; an end not given is open.
 * Bounds are keyset stamps (microseconds), so a page boundary never drops or repeats one.
 */
export async function listTicketEvents({
  db,
  ticketId,
  from,
  to,
}: {
  db: DbOrTx;
  ticketId: string;
  from?: string;
  to?: string;
}): Promise<(TicketEvent & { actorName: string | null })[]> {
  const rows = await db
    .select({ event: events, actorName: users.name })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(
      and(
        eq(events.ticketId, ticketId),
        from ? sql`${events.createdAt} >= ${from}::timestamptz` : undefined,
        to ? sql`${events.createdAt} < ${to}::timestamptz` : undefined,
      ),
    )
    .orderBy(asc(events.createdAt), asc(events.id));
  return rows.map((row) => ({ ...row.event, actorName: row.actorName }));
}
