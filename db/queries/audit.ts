import { and, desc, eq, gte, isNull, like, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../client";
import { events, type TicketEvent } from "../schema";

export async function listAuditEntries({ db, limit = 200 }: { db: DbOrTx; limit?: number }): Promise<TicketEvent[]> {
  return db.select().from(events).where(like(events.type, "audit.%")).orderBy(desc(events.createdAt), desc(events.id)).limit(limit);
}

/** How many entries of each audit type in the last `days` days: refused messages, one entry each (see recordAuditEntryOnce). */
export async function countAuditEntries({ db, days }: { db: DbOrTx; days: number }): Promise<Record<string, number>> {
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await db
    .select({ type: events.type, n: sql<number>`count(*)::int` })
    .from(events)
    .where(and(like(events.type, "audit.%"), gte(events.createdAt, since)))
    .groupBy(events.type);
  return Object.fromEntries(rows.map((row) => [row.type, row.n]));
}

/**
 * Writes an admin audit entry for one refused inbound message, once per MessageSid however
 * often Twilio retries it (a refused message is stored nowhere else to dedupe on). The sid
 * is kept in the entry's data; a transaction-scoped lock on it makes concurrent retries wait
 * for the first one's insert. Returns whether this call wrote the entry.
 */
export async function recordAuditEntryOnce({
  db,
  type,
  messageSid,
  data,
}: {
  db: Database;
  type: `audit.${string}`;
  messageSid: string;
  data: Record<string, unknown>;
}): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Two-key form: its own lock space, apart from the one-key lock migrations take.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('audit.message_sid'), hashtext(${messageSid}))`);
    const [seen] = await tx
      .select({ id: events.id })
      .from(events)
      .where(and(isNull(events.ticketId), eq(events.type, type), sql`${events.data}->>'messageSid' = ${messageSid}`))
      .limit(1);
    if (seen) return false;
    await tx.insert(events).values({ ticketId: null, type, data: { ...data, messageSid } });
    return true;
  });
}
