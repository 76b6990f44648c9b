import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { refusedMessages, smsIntegrations, type RefusalReason } from "../schema";
import { keysetStamp } from "./cursor";
import type { AdminActionCursor } from "./audit";

export interface RefusedMessageRow {
  id: number;
  fromNumber: string;
  country: string | null;
  reason: RefusalReason;
  integrationName: string | null;
  createdAt: Date;
  at: string;
}

/**
 * What to look for in the sender's number: the whole number (E.164, or a short code or
 * sender name as Twilio sent it), or digits anywhere in it.
 */
export interface NumberSearch {
  exact: string | null;
  digits: string | null;
}

/** Refused messages, newest first, a page after `before`. */
export async function listRefusedMessages({
  db,
  search,
  before,
  limit = 50,
}: {
  db: DbOrTx;
  search?: NumberSearch | null;
  before?: AdminActionCursor | null;
  limit?: number;
}): Promise<{ rows: RefusedMessageRow[]; next: AdminActionCursor | null }> {
  const matches = search
    ? sql`(${search.exact ? sql`upper(${refusedMessages.fromNumber}) = upper(${search.exact})` : sql`false`} or ${
        search.digits ? sql`regexp_replace(${refusedMessages.fromNumber}, '[^0-9]', '', 'g') like ${`%${search.digits}%`}` : sql`false`
      })`
    : undefined;
  const found = await db
    .select({
      id: refusedMessages.id,
      fromNumber: refusedMessages.fromNumber,
      country: refusedMessages.country,
      reason: refusedMessages.reason,
      integrationName: smsIntegrations.name,
      createdAt: refusedMessages.createdAt,
      at: keysetStamp(refusedMessages.createdAt),
    })
    .from(refusedMessages)
    .leftJoin(smsIntegrations, eq(smsIntegrations.id, refusedMessages.integrationId))
    .where(
      and(
        matches,
        before ? sql`(${refusedMessages.createdAt}, ${refusedMessages.id}) < (${before.at}::timestamptz, ${before.id}::bigint)` : undefined,
      ),
    )
    .orderBy(desc(refusedMessages.createdAt), desc(refusedMessages.id))
    .limit(limit + 1);
  const rows = found.slice(0, limit);
  const last = rows.at(-1);
  return { rows, next: found.length > limit && last ? { at: last.at, id: last.id } : null };
}

/** Texts refused since `since` because their country is not allowed, counted by country (null: unknown). */
export async function countRefusalsByCountry({ db, since }: { db: DbOrTx; since: Date }): Promise<Array<{ country: string | null; count: number }>> {
  return db
    .select({ country: refusedMessages.country, count: sql<number>`count(*)::int` })
    .from(refusedMessages)
    .where(and(eq(refusedMessages.reason, "country_not_allowed"), gte(refusedMessages.createdAt, since)))
    .groupBy(refusedMessages.country);
}
