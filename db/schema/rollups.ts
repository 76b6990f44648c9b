import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { messageDirection, messageStatus } from "./tickets";

/**
 * Messages counted per UTC hour and what the reports filter and group by, kept by database
 * triggers in the transaction that writes a message, changes its status, moves its ticket
 * (integration, assignee) or its customer's country, or deletes either (see the migration
 * `report_rollup_triggers`). An hour maps to one local hour in every time zone whose offset
 * is whole hours; the reports read raw messages otherwise, and when filtering by tag.
 * Counts may fall to 0 and stay: readers leave empty groups out.
 */
export const messageRollups = pgTable(
  "message_rollups",
  {
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    integrationId: uuid("integration_id").notNull(),
    assigneeId: uuid("assignee_id"),
    /** The customer's country. */
    country: text("country"),
    direction: messageDirection("direction").notNull(),
    status: messageStatus("status").notNull(),
    /** Twilio took it (it has a SID). */
    sent: boolean("sent").notNull(),
    /** Twilio's error code, for undelivered and failed messages only. */
    errorCode: integer("error_code"),
    messages: integer("messages").notNull(),
    segments: integer("segments").notNull(),
  },
  (t) => [unique("message_rollups_key").on(t.hour, t.integrationId, t.assigneeId, t.country, t.direction, t.status, t.sent, t.errorCode).nullsNotDistinct()],
);

/**
 * An agent's replies that Twilio took, per UTC hour and ticket, so "tickets answered" counts
 * distinct tickets without reading messages. Kept by the same triggers; rows at 0 are deleted.
 */
export const replyRollups = pgTable(
  "reply_rollups",
  {
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    authorId: uuid("author_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    integrationId: uuid("integration_id").notNull(),
    assigneeId: uuid("assignee_id"),
    replies: integer("replies").notNull(),
  },
  (t) => [unique("reply_rollups_key").on(t.hour, t.authorId, t.ticketId), index("reply_rollups_ticket_idx").on(t.ticketId)],
);

/**
 * What the triggers add to (or take from) message_rollups, one row per change, appended and
 * never updated: concurrent texts of the same hour and integration do not queue on one rollup
 * row until their commit. The `reports.compact` job folds them into message_rollups every
 * minute (`report_rollups_compact()`, one statement); reports read both, summed, so their
 * figures are exact whether a change was folded in yet or not. No index: rows are only
 * inserted, then all read and deleted at once.
 */
export const messageRollupDeltas = pgTable("message_rollup_deltas", {
  hour: timestamp("hour", { withTimezone: true }).notNull(),
  integrationId: uuid("integration_id").notNull(),
  assigneeId: uuid("assignee_id"),
  country: text("country"),
  direction: messageDirection("direction").notNull(),
  status: messageStatus("status").notNull(),
  sent: boolean("sent").notNull(),
  errorCode: integer("error_code"),
  messages: integer("messages").notNull(),
  segments: integer("segments").notNull(),
});
