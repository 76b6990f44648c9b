import { boolean, index, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { tickets } from "./tickets";
import { users } from "./users";

/**
 * How far each agent has read each ticket: the customer's latest message when they opened
 * it. A ticket is unread for an agent while tickets.last_inbound_at is later than this.
 */
export const ticketReads = pgTable(
  "ticket_reads",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ticketId] }), index("ticket_reads_ticket_idx").on(t.ticketId)],
);

/** What tells an agent about new work while the inbox is in another tab. Off until they turn it on. */
export const notificationSettings = pgTable("notification_settings", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  desktop: boolean("desktop").notNull().default(false),
  sound: boolean("sound").notNull().default(false),
  newUnassigned: boolean("new_unassigned").notNull().default(true),
  myTickets: boolean("my_tickets").notNull().default(true),
  assignedToMe: boolean("assigned_to_me").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type NotificationSettings = typeof notificationSettings.$inferSelect;
