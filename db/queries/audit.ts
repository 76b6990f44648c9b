import "server-only";
import { and, desc, eq, gte, isNull, like, notLike, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../client";
import { events, refusedMessages, users, type RefusalReason } from "../schema";
import { keysetStamp } from "./cursor";

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
 * for the first one's insert. A `refusal` is stored in the same transaction, in the list of
 * refused messages (never with the text). Returns whether this call wrote the entry.
 */
export async function recordAuditEntryOnce({
  db,
  type,
  messageSid,
  data,
  refusal,
  now = new Date(),
}: {
  db: Database;
  type: `audit.${string}`;
  messageSid: string;
  data: Record<string, unknown>;
  refusal?: { fromNumber: string; country: string | null; integrationId: string; reason: RefusalReason };
  now?: Date;
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
    await recordAuditEntry({ db: tx, actorId: null, action: type, details: { ...data, messageSid } });
    if (refusal) await tx.insert(refusedMessages).values({ messageSid, ...refusal, createdAt: now }).onConflictDoNothing();
    return true;
  });
}

/** What an admin did, as stored: `user.added`, `phone_number.released`, … */
export type AdminAction =
  | "user.added"
  | "user.role_changed"
  | "user.deactivated"
  | "user.reactivated"
  | "user.password_reset_link_made"
  | "phone_number.bought"
  | "phone_number.imported"
  | "phone_number.released"
  | "port_request.submitted"
  | "port_request.in_progress"
  | "port_request.rejected"
  | "port_request.completed"
  | "rule.created"
  | "rule.updated"
  | "rule.enabled"
  | "rule.disabled"
  | "rule.duplicated"
  | "rule.moved"
  | "rule.deleted"
  | "business_hours.updated"
  | "response_target.updated"
  | "country.allowed"
  | "country.removed"
  | "sms_price.updated"
  | "saved_reply.created"
  | "saved_reply.updated"
  | "saved_reply.deleted"
  | "macros.settings_changed"
  | "integration.created"
  | "integration.renamed"
  | "integration.settings_changed"
  | "integration.deactivated"
  | "integration.reactivated"
  | "integration.deleted"
  | "integration.messaging_service_changed"
  | "tag.renamed"
  | "tag.merged"
  | "tag.deleted";

/** An audit entry's type: an admin's action, or `audit.*` for a message the app refused. */
export type AuditAction = AdminAction | `audit.${string}`;

// Belt and braces: a caller that passes a whole input object still leaves these out.
const SECRET_KEY = /password|pin|account|token|secret|body|text/i;

/**
 * Writes one entry of the audit log, the one way there is: who did what to which record.
 * `target` names the record as it was (its name, number or email), so the entry still reads
 * after the record is renamed or deleted. Pass the transaction of the change where there is
 * one (the server-action wrapper does). Secrets and message text are never passed here, and
 * keys that look like them are dropped.
 */
export async function recordAuditEntry({
  db,
  actorId,
  action,
  target = {},
  details = {},
}: {
  db: DbOrTx;
  actorId: string | null;
  action: AuditAction;
  target?: Record<string, unknown>;
  details?: Record<string, unknown>;
}): Promise<void> {
  const data = Object.fromEntries(Object.entries({ ...target, ...details }).filter(([key, value]) => !SECRET_KEY.test(key) && value !== undefined));
  await db.insert(events).values({ ticketId: null, type: action, actorId, data });
}

export type AuditEntry = Omit<Parameters<typeof recordAuditEntry>[0], "db" | "actorId">;

export interface AdminActionEntry {
  id: number;
  type: string;
  data: Record<string, unknown>;
  actorName: string | null;
  createdAt: Date;
  /** created_at to the microsecond, for the keyset. */
  at: string;
}

export interface AdminActionCursor {
  at: string;
  id: number;
}

const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeAdminActionCursor(cursor: AdminActionCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString("base64url");
}

/** Null for anything that is not a cursor this page made. */
export function decodeAdminActionCursor(cursor: string | null | undefined): AdminActionCursor | null {
  if (!cursor || cursor.length > 100) return null;
  const [at, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (extra !== undefined || !at || !id || !STAMP.test(at) || !/^\d{1,15}$/.test(id)) return null;
  return { at, id: Number(id) };
}

/**
 * Admin actions, newest first, `limit` a page after `before`: every event with no ticket
 * except the refused-message entries (audit.*), which the page counts instead.
 */
export async function listAdminActions({
  db,
  before,
  limit = 50,
}: {
  db: DbOrTx;
  before?: AdminActionCursor | null;
  limit?: number;
}): Promise<{ entries: AdminActionEntry[]; next: AdminActionCursor | null }> {
  const rows = await db
    .select({
      id: events.id,
      type: events.type,
      data: events.data,
      actorName: users.name,
      createdAt: events.createdAt,
      at: keysetStamp(events.createdAt),
    })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(
      and(
        isNull(events.ticketId),
        notLike(events.type, "audit.%"),
        before ? sql`(${events.createdAt}, ${events.id}) < (${before.at}::timestamptz, ${before.id}::bigint)` : undefined,
      ),
    )
    .orderBy(desc(events.createdAt), desc(events.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return { entries, next: rows.length > limit && last ? { at: last.at, id: last.id } : null };
}
