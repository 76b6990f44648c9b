import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { tickets } from "../schema";
import type { InboxView } from "./inbox-views";
import { ticketHasTags } from "./tags";

/**
 * Which tickets the inbox holds: a view, an integration, a tag and what a search finds, as
 * SQL conditions. The list and its counts (tickets.ts) and "select all matching"
 * (bulk-steps.ts) read them.
 */

/** Search terms already read by lib/tickets/search.ts; each is optional and they are OR-ed. */
export interface TicketSearch {
  /** Whole numbers in E.164, as the agent's text reads in any likely country. */
  phones?: string[];
  /** Part of a number, digits only. */
  digits?: string;
  /** Words, letters and digits only; each matches as a prefix ("refun" finds "refund"). */
  words?: string[];
  /** Quoted phrases: words (letters and digits only) that must follow one another in a message or name. */
  phrases?: string[];
  /** Tag names as lib/tags/name.ts normalises them; the ticket carries every one. */
  tags?: string[];
  statuses?: ("open" | "closed")[];
  /** Any of: the agent searching, nobody, or a user by name or email (lower case). */
  assignees?: ({ me: true } | { none: true } | { name: string })[];
  /** SMS integration names, lower case; any of them. */
  integrations?: string[];
  /** The customer's number in E.164, any of them. */
  from?: string[];
}

/** Open and not snoozed: what the Open, Mine and Unassigned views list. */
const awake = sql`${tickets.status} = 'open' and ${tickets.snoozedUntil} is null`;

/**
 * `overdueSince`: the Past target view lists awake tickets whose customer has waited since
 * then or longer (worked out from the target and business hours by the caller); none without it.
 */
function viewCondition(view: InboxView, userId: string, overdueSince: Date | null | undefined): SQL | undefined {
  switch (view) {
    case "open":
      return awake;
    case "closed":
      return eq(tickets.status, "closed");
    case "mine":
      return and(eq(tickets.assigneeId, userId), awake);
    case "unassigned":
      return and(isNull(tickets.assigneeId), awake);
    case "snoozed":
      return sql`${tickets.status} = 'open' and ${tickets.snoozedUntil} is not null`;
    case "overdue":
      return overdueSince ? sql`${awake} and ${tickets.waitingSince} <= ${overdueSince.toISOString()}::timestamptz` : sql`false`;
    case "all":
      return undefined;
  }
}


/**
 * A tsquery of prefix terms, and phrases as words that follow one another; only letters and
 * digits reach it, so it cannot be malformed.
 */
export function prefixQuery(words: readonly string[], phrases: readonly string[] = []): string | null {
  const clean = (word: string) => word.replace(/[^\p{L}\p{N}]/gu, "");
  const terms = words.map(clean).filter(Boolean).map((word) => `${word}:*`);
  for (const phrase of phrases) {
    const parts = phrase.split(/\s+/).map(clean).filter(Boolean);
    if (parts.length) terms.push(`(${parts.join(" <-> ")})`);
  }
  return terms.length ? terms.join(" & ") : null;
}

const values = (list: readonly string[]) => sql.join(list.map((value) => sql`${value}`), sql`, `);

/** The words, phrases or number typed: in the customer's name or number, or in a message. */
function textCondition(search: TicketSearch): SQL | undefined {
  const query = prefixQuery(search.words ?? [], search.phrases ?? []);
  if (!search.phones?.length && !search.digits && !query) return undefined;
  const customerMatches: SQL[] = [];
  if (search.phones?.length) customerMatches.push(sql`c.phone_e164 in (${values(search.phones)})`);
  if (search.digits) customerMatches.push(sql`c.phone_e164 like ${`%${search.digits.replace(/\D/g, "")}%`}`);
  // Same expressions as the GIN indexes in db/schema/tickets.ts, so the planner uses them.
  if (query) customerMatches.push(sql`to_tsvector('simple', coalesce(c.name, '')) @@ to_tsquery('simple', ${query})`);
  const parts: SQL[] = [sql`${tickets.customerId} = any(array(select c.id from customers c where ${sql.join(customerMatches, sql` or `)}))`];
  if (query) parts.push(sql`${tickets.id} = any(array(select m.ticket_id from messages m where to_tsvector('simple', m.body) @@ to_tsquery('simple', ${query})))`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** The filters (tag:, status:, assignee:, integration:, from:), each narrowing the search. */
function filterConditions(search: TicketSearch, userId: string): SQL[] {
  const conditions: SQL[] = [];
  if (search.tags?.length) conditions.push(ticketHasTags(search.tags));
  if (search.statuses?.length) conditions.push(sql`${tickets.status} in (${values(search.statuses)})`);
  if (search.assignees?.length) {
    const any = search.assignees.map((who) =>
      "me" in who
        ? sql`${tickets.assigneeId} = ${userId}`
        : "none" in who
          ? sql`${tickets.assigneeId} is null`
          : sql`${tickets.assigneeId} = any(array(select u.id from users u where lower(u.name) = ${who.name} or lower(u.email) = ${who.name}))`,
    );
    conditions.push(sql`(${sql.join(any, sql` or `)})`);
  }
  if (search.integrations?.length) {
    conditions.push(sql`${tickets.integrationId} = any(array(select i.id from sms_integrations i where lower(i.name) in (${values(search.integrations)})))`);
  }
  if (search.from?.length) {
    conditions.push(sql`${tickets.customerId} = any(array(select c.id from customers c where c.phone_e164 in (${values(search.from)})))`);
  }
  return conditions;
}

/**
 * The tickets a search finds. Each match list is worked out once, as an array (an
 * InitPlan), and looked up through tickets_customer_idx or the primary key; the matches
 * are then sorted. With a plain IN or OR of subqueries the planner, misjudging how rare
 * a match is, walks the whole activity index testing every ticket instead (seconds, not ms).
 * Typed text that names nothing searchable finds nothing, rather than everything.
 */
export function searchCondition(search: TicketSearch | undefined, userId: string): SQL | undefined {
  if (!search) return undefined;
  const parts = [textCondition(search), ...filterConditions(search, userId)].filter((part): part is SQL => part !== undefined);
  return parts.length ? and(...parts) : sql`false`;
}

/**
 * Which tickets a view of the inbox holds (view, integration, tag, search): the list shows them
 * a page at a time, and "select all matching" takes every one of them (db/queries/bulk-steps.ts).
 */
export function inboxCondition({
  view,
  userId,
  integrationId,
  tag,
  search,
  overdueSince,
}: {
  view: InboxView;
  userId: string;
  integrationId?: string;
  /** A normalised tag name (lib/tags/name.ts). */
  tag?: string;
  search?: TicketSearch;
  /** For the Past target view: the instant before which a wait is past the target. */
  overdueSince?: Date | null;
}): SQL | undefined {
  return and(
    viewCondition(view, userId, overdueSince),
    integrationId ? eq(tickets.integrationId, integrationId) : undefined,
    tag ? ticketHasTags([tag]) : undefined,
    searchCondition(search, userId),
  );
}
