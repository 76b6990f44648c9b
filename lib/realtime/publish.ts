import { sql } from "drizzle-orm";
import { executePrepared, type Database, type DbOrTx } from "@/db/client";

export const INBOX_CHANNEL = "inbox_events";

export type InboxEvent =
  // assigneeId: who has the ticket, so each browser can tell whether to notify its agent.
  // customerId: the customer's other tickets list this one.
  | { type: "ticket.created"; ticketId: string; customerId?: string; assigneeId?: string | null }
  | { type: "ticket.updated"; ticketId: string; customerId?: string }
  // count: a step on many tickets (lib/bulk) assigned this many at once; ticketId is one of them.
  | { type: "ticket.assigned"; ticketId: string; assigneeId: string; /** null when a rule assigned it */ actorId: string | null; count?: number }
  /** An agent read the ticket: only that agent's unread counts change. */
  | { type: "ticket.read"; ticketId: string; userId: string }
  | { type: "message.created"; ticketId: string; messageId: string; fromCustomer?: boolean; assigneeId?: string | null }
  | { type: "message.updated"; ticketId: string; messageId: string }
  | { type: "customer.updated"; customerId: string }
  /** A tag was made, or an admin renamed, merged or deleted one: the tag lists, and tickets' tags, change. */
  | { type: "tags.changed" }
  | { type: "sandbox.updated"; handset: string }
  /** Someone opened or left the ticket, or began or stopped typing: who, never what. */
  | { type: "presence.changed"; ticketId: string }
  /** A step on many tickets moved on (a batch landed) or ended: lists and counts change; its agent sees the progress. */
  | { type: "bulk.progress"; stepId: string; actorId: string | null; done: number; total: number; status: "running" | "done" | "failed" };

/**
 * Publishes through Postgres NOTIFY, so every app process (whichever received the
 * webhook) tells its browsers. Inside a transaction it is sent on commit, never for work
 * that rolled back.
 */
export async function publishInboxEvent({ db, event }: { db: DbOrTx; event: InboxEvent }): Promise<void> {
  await db.execute(sql`select pg_notify(${INBOX_CHANNEL}, ${JSON.stringify(event)})`);
}

// Its own transaction, which does not wait for the disk at commit: PostgreSQL commits every
// transaction that notifies one at a time (a lock held through the commit's flush), so a NOTIFY
// in a webhook's transaction made concurrent webhooks wait for each other's disk writes.
const NOTIFY_NOW = "select set_config('synchronous_commit', 'off', true), pg_notify($1, event) from unnest($2::text[]) with ordinality as e(event, n) order by n";

/**
 * Publishes events about work already committed, outside any transaction, in one round trip.
 * A crash between that commit and this loses only the live update (browsers catch up when
 * they next load; a worker process's poll finds the jobs), never the work.
 */
export async function publishInboxEventsNow({ db, events }: { db: Database; events: InboxEvent[] }): Promise<void> {
  await executePrepared(db, NOTIFY_NOW, [INBOX_CHANNEL, events.map((event) => JSON.stringify(event))]);
}
