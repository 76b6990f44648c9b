import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { notificationSettings, ticketReads, tickets, type NotificationSettings } from "../schema";

/** Whether the customer wrote since this agent last read the ticket. */
export function unreadFor(userId: string) {
  return sql<boolean>`(${tickets.lastInboundAt} is not null and ${tickets.lastInboundAt} > coalesce((select r.read_at from ticket_reads r where r.user_id = ${userId} and r.ticket_id = ${tickets.id}), '-infinity'::timestamptz))`;
}

export async function isTicketUnread({ db, ticketId, userId }: { db: DbOrTx; ticketId: string; userId: string }): Promise<boolean> {
  const [row] = await db.select({ unread: unreadFor(userId) }).from(tickets).where(eq(tickets.id, ticketId));
  return row?.unread ?? false;
}

/**
 * Marks the ticket read by this agent up to the customer's latest message. Returns whether
 * anything changed (it was unread); reading a read ticket writes nothing.
 */
export async function markReadUpToLatest({ db, ticketId, userId }: { db: DbOrTx; ticketId: string; userId: string }): Promise<boolean> {
  const rows = await db
    .insert(ticketReads)
    .select(db.select({ userId: sql`${userId}::uuid`.as("user_id"), ticketId: tickets.id, readAt: sql`${tickets.lastInboundAt}`.as("read_at") }).from(tickets).where(and(eq(tickets.id, ticketId), sql`${tickets.lastInboundAt} is not null`)))
    .onConflictDoUpdate({
      target: [ticketReads.userId, ticketReads.ticketId],
      set: { readAt: sql`excluded.read_at` },
      setWhere: sql`${ticketReads.readAt} < excluded.read_at`,
    })
    .returning({ ticketId: ticketReads.ticketId });
  return rows.length > 0;
}

export const DEFAULT_NOTIFICATION_SETTINGS = { desktop: false, sound: false, newUnassigned: true, myTickets: true, assignedToMe: true };
export type NotificationChoices = typeof DEFAULT_NOTIFICATION_SETTINGS;

export async function getNotificationSettings({ db, userId }: { db: DbOrTx; userId: string }): Promise<NotificationChoices> {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return row ? pick(row) : { ...DEFAULT_NOTIFICATION_SETTINGS };
}

export async function saveNotificationSettings({ db, userId, settings }: { db: DbOrTx; userId: string; settings: NotificationChoices }): Promise<NotificationChoices> {
  const [row] = await db
    .insert(notificationSettings)
    .values({ userId, ...settings })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { ...settings, updatedAt: sql`now()` } })
    .returning();
  return pick(row!);
}

function pick(row: NotificationSettings): NotificationChoices {
  return { desktop: row.desktop, sound: row.sound, newUnassigned: row.newUnassigned, myTickets: row.myTickets, assignedToMe: row.assignedToMe };
}
