import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../client";
import { customers, drafts, optOuts, smsIntegrations, tickets, users, type Ticket } from "../schema";
import { beforeKeyset, encodeCursor, keysetStamp, type Keyset } from "./cursor";
import { inboxCondition, searchCondition, type TicketSearch } from "./inbox-conditions";
import type { InboxSort, InboxView } from "./inbox-views";
import { ticketHasTags } from "./tags";
import { unreadFor } from "./ticket-reads";

export { INBOX_SORTS, INBOX_VIEWS, type InboxSort, type InboxView } from "./inbox-views";

export interface InboxTicket {
  id: string;
  status: "open" | "closed";
  unread: boolean;
  lastMessageAt: string;
  preview: string;
  /** Who wrote the message the preview shows; null for a ticket without messages. */
  previewBy: PreviewAuthor | null;
  /** Open tickets: when the customer's oldest message not yet answered by an agent arrived. */
  waitingSince: string | null;
  /** A snoozed ticket: when it wakes up. */
  snoozedUntil: string | null;
  assignee: { id: string; name: string } | null;
  integration: { id: string; name: string };
  customer: { id: string; name: string | null; phoneE164: string; country: string | null };
  optedOut: boolean;
  /** Added by agents and rules, in the order they were added. */
  tags: string[];
  /** The caller has an unsent reply or note here. */
  hasDraft: boolean;
}

export type PreviewAuthor = { kind: "customer" } | { kind: "rule" } | { kind: "agent"; id: string | null; name: string | null };

export interface InboxPage {
  tickets: InboxTicket[];
  nextCursor: string | null;
}

/**
 * One number per view; closed (and so all) counted up to `closedCountCap` and one more.
 * `unread`: open tickets the customer wrote on since this agent last read them, per view.
 */
export type InboxCounts = Record<InboxView, number> & { unread: { open: number; mine: number; unassigned: number } };

/** "Waiting longest": tickets nobody waits on come last, in a fixed order, so the keyset still walks them. */
const waitingKey = sql`coalesce(${tickets.waitingSince}, '9999-01-01T00:00:00Z'::timestamptz)`;

export interface InboxQuery {
  db: DbOrTx;
  view: InboxView;
  userId: string;
  integrationId?: string;
  /** The list's tag filter: a normalised tag name. */
  tag?: string;
  search?: TicketSearch;
  cursor?: Keyset | null;
  limit: number;
  sort?: InboxSort;
  /** For the Past target view (viewCondition). */
  overdueSince?: Date | null;
}

const previewAuthor = alias(users, "preview_author");

/**
 * Per listed ticket, one walk down messages_ticket_idx: the latest message (notes aside,
 * as the preview skips them) and, for an open ticket, since when the customer has waited.
 * Only agents answer: an auto-reply from a rule leaves the customer waiting. A lateral join
 * runs once for each row the page returns, not for the whole view.
 */
const latestMessage = sql`(
  select m.direction, m.author_id, (m.rule_id is not null or m.rule_name is not null) as by_rule,
    case when "tickets"."status" = 'open' then (
      select min(w.created_at) from messages w
      where w.ticket_id = "tickets"."id" and w.direction = 'inbound'
        and w.created_at > coalesce((
          select max(a.created_at) from messages a
          where a.ticket_id = "tickets"."id" and a.direction = 'outbound' and a.rule_id is null and a.rule_name is null
        ), '-infinity'::timestamptz)
    ) end as waiting_since
  from messages m
  where m.ticket_id = "tickets"."id" and m.direction <> 'note'
  order by m.created_at desc, m.id desc
  limit 1
) as latest`;

function previewAuthorOf(row: { direction: string | null; byRule: boolean | null; authorId: string | null; authorName: string | null }): PreviewAuthor | null {
  if (!row.direction) return null;
  if (row.direction === "inbound") return { kind: "customer" };
  if (row.byRule) return { kind: "rule" };
  return { kind: "agent", id: row.authorId, name: row.authorName };
}

/** The inbox page query, unexecuted, so bench/inbox-plans.ts can EXPLAIN exactly what runs. */
export function inboxTicketsQuery({ db, view, userId, integrationId, tag, search, cursor, limit, sort = "recent", overdueSince }: InboxQuery) {
  const waiting = sort === "waiting";
  // The Snoozed view lists by wake-up time, soonest first, walking tickets_snoozed_idx.
  const wake = !waiting && view === "snoozed";
  return db
    .select({
      id: tickets.id,
      status: tickets.status,
      unread: unreadFor(userId),
      lastMessageAt: tickets.lastMessageAt,
      stamp: waiting
        ? sql<string>`to_char(${waitingKey} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
        : wake
          ? keysetStamp(tickets.snoozedUntil)
          : keysetStamp(tickets.lastMessageAt),
      preview: tickets.lastMessagePreview,
      assigneeId: tickets.assigneeId,
      assigneeName: users.name,
      integrationId: tickets.integrationId,
      integrationName: smsIntegrations.name,
      customerId: customers.id,
      customerName: customers.name,
      customerPhone: customers.phoneE164,
      customerCountry: customers.country,
      optedOut: sql<boolean>`coalesce(${optOuts.optedOut}, false)`,
      tags: tickets.tags,
      hasDraft: sql<boolean>`exists(select 1 from ${drafts} where ${drafts.userId} = ${userId} and ${drafts.ticketId} = ${tickets.id})`,
      latestDirection: sql<string | null>`latest.direction`,
      latestByRule: sql<boolean | null>`latest.by_rule`,
      latestAuthorId: sql<string | null>`latest.author_id`,
      latestAuthorName: previewAuthor.name,
      waitingSince: sql<Date | null>`latest.waiting_since`.mapWith((value: string | Date | null) => (value === null ? null : new Date(value))),
      snoozedUntil: tickets.snoozedUntil,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .innerJoin(smsIntegrations, eq(smsIntegrations.id, tickets.integrationId))
    .leftJoin(users, eq(users.id, tickets.assigneeId))
    .leftJoin(optOuts, and(eq(optOuts.customerId, tickets.customerId), eq(optOuts.businessE164, smsIntegrations.phoneE164)))
    .leftJoinLateral(latestMessage, sql`true`)
    .leftJoin(previewAuthor, sql`${previewAuthor.id} = latest.author_id`)
    .where(
      and(
        inboxCondition({ view, userId, integrationId, tag, search, overdueSince }),
        cursor
          ? waiting
            ? sql`(${waitingKey}, ${tickets.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
            : wake
              ? sql`(${tickets.snoozedUntil}, ${tickets.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
              : beforeKeyset(tickets.lastMessageAt, tickets.id, cursor)
          : undefined,
      ),
    )
    // NULLS LAST to match the indexes exactly; a plain DESC (nulls first) would sort instead.
    .orderBy(
      ...(waiting
        ? [sql`${waitingKey} asc`, sql`${tickets.id} asc`]
        : wake
          ? [sql`${tickets.snoozedUntil} asc`, sql`${tickets.id} asc`]
          : [sql`${tickets.lastMessageAt} desc nulls last`, sql`${tickets.id} desc nulls last`]),
    )
    .limit(limit + 1);
}

/**
 * One page of the inbox, newest activity first, by keyset: `(last_message_at, id) <
 * cursor` walks one of the tickets_*_activity indexes, so page 500 costs what page 1 does.
 */
export async function listInboxTickets(query: InboxQuery): Promise<InboxPage> {
  const { limit } = query;
  const rows = await inboxTicketsQuery(query);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    tickets: page.map((row) => ({
      id: row.id,
      status: row.status,
      unread: row.unread,
      lastMessageAt: row.lastMessageAt.toISOString(),
      preview: row.preview,
      previewBy: previewAuthorOf({ direction: row.latestDirection, byRule: row.latestByRule, authorId: row.latestAuthorId, authorName: row.latestAuthorName }),
      waitingSince: row.waitingSince ? row.waitingSince.toISOString() : null,
      snoozedUntil: row.snoozedUntil ? row.snoozedUntil.toISOString() : null,
      assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "Unknown" } : null,
      integration: { id: row.integrationId, name: row.integrationName },
      customer: { id: row.customerId, name: row.customerName, phoneE164: row.customerPhone, country: row.customerCountry },
      optedOut: row.optedOut,
      tags: row.tags,
      hasDraft: row.hasDraft,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.stamp, id: last.id }) : null,
  };
}

export async function countInboxTickets({
  db,
  userId,
  integrationId,
  tag,
  search,
  closedCountCap,
  overdueSince,
}: {
  db: DbOrTx;
  userId: string;
  integrationId?: string;
  /** The list's tag filter, counted in every view as the integration is. */
  tag?: string;
  /** Counts what a search finds in each view, in the same one query. */
  search?: TicketSearch;
  closedCountCap: number;
  /** Past target: awake tickets waited on since then or longer; none without it. */
  overdueSince?: Date | null;
}): Promise<InboxCounts> {
  const found = and(searchCondition(search, userId), tag ? ticketHasTags([tag]) : undefined);
  const ofIntegration = sql`${integrationId ? sql` and ${tickets.integrationId} = ${integrationId}` : sql``}${found ? sql` and ${found}` : sql``}`;
  const unread = unreadFor(userId);
  const up = sql`${tickets.snoozedUntil} is null`;
  const overdue = overdueSince ? sql`${up} and ${tickets.waitingSince} <= ${overdueSince.toISOString()}::timestamptz` : sql`false`;
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${up})::int`,
      mine: sql<number>`count(*) filter (where ${up} and ${tickets.assigneeId} = ${userId})::int`,
      unassigned: sql<number>`count(*) filter (where ${up} and ${tickets.assigneeId} is null)::int`,
      snoozed: sql<number>`count(*) filter (where ${tickets.snoozedUntil} is not null)::int`,
      overdue: sql<number>`count(*) filter (where ${overdue})::int`,
      unreadOpen: sql<number>`count(*) filter (where ${up} and ${unread})::int`,
      unreadMine: sql<number>`count(*) filter (where ${up} and ${tickets.assigneeId} = ${userId} and ${unread})::int`,
      unreadUnassigned: sql<number>`count(*) filter (where ${up} and ${tickets.assigneeId} is null and ${unread})::int`,
      closed: sql<number>`(select count(*)::int from (select 1 from ${tickets} where ${tickets.status} = 'closed'${ofIntegration} limit ${closedCountCap + 1}) as capped)`,
    })
    .from(tickets)
    .where(and(eq(tickets.status, "open"), integrationId ? eq(tickets.integrationId, integrationId) : undefined, found));
  const { unreadOpen, unreadMine, unreadUnassigned, ...counts } = row ?? { open: 0, mine: 0, unassigned: 0, snoozed: 0, overdue: 0, closed: 0, unreadOpen: 0, unreadMine: 0, unreadUnassigned: 0 };
  return { ...counts, all: counts.open + counts.snoozed + counts.closed, unread: { open: unreadOpen, mine: unreadMine, unassigned: unreadUnassigned } };
}

export async function getTicket({ db, id, forUpdate = false }: { db: DbOrTx; id: string; forUpdate?: boolean }): Promise<Ticket | null> {
  const query = db.select().from(tickets).where(eq(tickets.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export interface CustomerTicketSummary {
  id: string;
  status: "open" | "closed";
  integrationId: string;
  integrationName: string;
  lastMessageAt: string;
  preview: string;
}

/** The customer's other tickets, newest first, for the customer panel. */
export async function listOtherCustomerTickets({
  db,
  customerId,
  exceptTicketId,
  limit = 10,
}: {
  db: DbOrTx;
  customerId: string;
  exceptTicketId: string;
  limit?: number;
}): Promise<CustomerTicketSummary[]> {
  const rows = await db
    .select({
      id: tickets.id,
      status: tickets.status,
      integrationId: tickets.integrationId,
      integrationName: smsIntegrations.name,
      lastMessageAt: tickets.lastMessageAt,
      preview: tickets.lastMessagePreview,
    })
    .from(tickets)
    .innerJoin(smsIntegrations, eq(smsIntegrations.id, tickets.integrationId))
    .where(and(eq(tickets.customerId, customerId), ne(tickets.id, exceptTicketId)))
    .orderBy(sql`${tickets.createdAt} desc nulls last`)
    .limit(limit);
  return rows.map((row) => ({ ...row, lastMessageAt: row.lastMessageAt.toISOString() }));
}

export async function findOpenTicket({ db, integrationId, customerId }: { db: DbOrTx; integrationId: string; customerId: string }): Promise<Ticket | null> {
  const [row] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.integrationId, integrationId), eq(tickets.customerId, customerId), eq(tickets.status, "open")));
  return row ?? null;
}

/** A new open ticket, or null when the customer already has one on this integration (the unique index decides). */
export async function insertOpenTicket({
  db,
  integrationId,
  customerId,
  assigneeId,
}: {
  db: DbOrTx;
  integrationId: string;
  customerId: string;
  assigneeId?: string | null;
}): Promise<Ticket | null> {
  const [row] = await db
    .insert(tickets)
    .values({ integrationId, customerId, assigneeId: assigneeId ?? null, status: "open" })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function updateTicket({
  db,
  id,
  changes,
}: {
  db: DbOrTx;
  id: string;
  changes: Partial<Pick<Ticket, "status" | "assigneeId" | "closedAt" | "lastMessageAt" | "lastMessagePreview" | "snoozedUntil" | "waitingSince">>;
}): Promise<Ticket | null> {
  const [row] = await db.update(tickets).set(changes).where(eq(tickets.id, id)).returning();
  return row ?? null;
}

/** Moves the ticket to the top of the inbox with this message as its preview; `answered`: an agent wrote it, so nobody waits any more. */
export async function touchTicketActivity({ db, id, preview, answered = false }: { db: DbOrTx; id: string; preview: string; answered?: boolean }): Promise<void> {
  await db
    .update(tickets)
    .set({ lastMessageAt: sql`now()`, lastMessagePreview: preview, ...(answered ? { waitingSince: null } : {}) })
    .where(eq(tickets.id, id));
}
