import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tickets } from "./tickets";
import { users } from "./users";

export const draftKind = pgEnum("draft_kind", ["reply", "note"]);

/** What an agent is writing on a ticket, kept as they type so no reload or device change loses it. */
export const drafts = pgTable(
  "drafts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    kind: draftKind("kind").notNull(),
    body: text("body").notNull(),
    /** The latest message of the conversation when the agent began writing: what arrived after it is news at Send. */
    basisMessageId: uuid("basis_message_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ticketId, t.kind] })],
);

/**
 * Who has a ticket open, one row per browser tab, kept alive by a heartbeat; a row not
 * renewed for a while is someone whose tab went away. Never holds what anyone is writing.
 */
export const ticketViewers = pgTable(
  "ticket_viewers",
  {
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tabId: uuid("tab_id").notNull(),
    typingAt: timestamp("typing_at", { withTimezone: true }),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId, t.tabId] }), index("ticket_viewers_seen_idx").on(t.seenAt)],
);

export type Draft = typeof drafts.$inferSelect;
export type DraftKind = (typeof draftKind.enumValues)[number];
