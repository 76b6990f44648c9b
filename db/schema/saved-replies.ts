import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { messages, tickets } from "./tickets";
import { users } from "./users";

/**
 * Saved answers agents insert from the composer; {{customer.name}} and {{integration.name}} are
 * filled in then. With actions (lib/saved-replies/macro.ts: tags, assign, close, snooze) it is a
 * macro, whose actions run when the reply is sent; its body may then be empty. A reply with an
 * owner is that agent's own, seen and changed by them only (and by admins); without one, everyone's.
 */
export const savedReplies = pgTable(
  "saved_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    actions: jsonb("actions").notNull().default([]).$type<unknown[]>(),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("saved_replies_owner_idx").on(t.ownerId)],
);

export type SavedReply = typeof savedReplies.$inferSelect;

/**
 * One application of a macro to a ticket, keyed by the id the composer made when the agent
 * applied it: a send or an Apply that arrives twice (a retry after a lost answer) finds its
 * row and runs nothing again.
 */
export const macroRuns = pgTable("macro_runs", {
  id: uuid("id").primaryKey(),
  savedReplyId: uuid("saved_reply_id").references(() => savedReplies.id, { onDelete: "set null" }),
  ticketId: uuid("ticket_id")
    .notNull()
    .references(() => tickets.id, { onDelete: "cascade" }),
  userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
  messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type MacroRun = typeof macroRuns.$inferSelect;
