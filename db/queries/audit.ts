import { and, desc, gte, like, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { events, type TicketEvent } from "../schema";

export async function listAuditEntries({ db, limit = 200 }: { db: DbOrTx; limit?: number }): Promise<TicketEvent[]> {
  return db.select().from(events).where(like(events.type, "audit.%")).orderBy(desc(events.createdAt), desc(events.id)).limit(limit);
}

/** How many entries of each audit type in the last `days` days. */
export async function countAuditEntries({ db, days }: { db: DbOrTx; days: number }): Promise<Record<string, number>> {
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await db
    .select({ type: events.type, n: sql<number>`count(*)::int` })
    .from(events)
    .where(and(like(events.type, "audit.%"), gte(events.createdAt, since)))
    .groupBy(events.type);
  return Object.fromEntries(rows.map((row) => [row.type, row.n]));
}
