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

/** Timeline events for many tickets in one statement (each with its own type and data). */
export async function recordEvents({
  db,
  actorId,
  rows,
}: {
  db: DbOrTx;
  actorId: string | null;
  rows: { ticketId: string; type: string; data: Record<string, unknown> }[];
}): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((row) => ({ ticket_id: row.ticketId, type: row.type, data: row.data })));
  await db.execute(sql`
    insert into ${events} (ticket_id, type, actor_id, data)
    select x.ticket_id, x.type, ${actorId}::uuid, x.data
    from jsonb_to_recordset(${json}::jsonb) as x(ticket_id uuid, type text, data jsonb)`);
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
