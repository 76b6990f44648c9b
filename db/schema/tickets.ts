import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea } from "./types";
import { smsIntegrations } from "./telephony";
import { users } from "./users";


export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    phoneE164: text("phone_e164").notNull(),
    name: text("name"),
    country: text("country"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("customers_phone_e164_key").on(t.phoneE164),
    index("customers_name_idx").on(sql`lower(${t.name})`),
    // Inbox search by name; the expression must match the one in db/queries/search.ts.
    index("customers_name_search_idx").using("gin", sql`to_tsvector('simple', coalesce(${t.name}, ''))`),
  ],
);

/** Opt-out is per business number, as carriers apply it. */
export const optOuts = pgTable(
  "opt_outs",
  {
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    businessE164: text("business_e164").notNull(),
    optedOut: boolean("opted_out").notNull(),
    keyword: text("keyword").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.businessE164] })],
);

export const ticketStatus = pgEnum("ticket_status", ["open", "closed"]);

export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => smsIntegrations.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id),
    status: ticketStatus("status").notNull().default("open"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** The customer's latest message; the ticket is unread for every agent who has not read up to it (ticket_reads). */
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    /** When the customer's oldest message not yet answered by an agent arrived; null when nothing waits for an answer. */
    waitingSince: timestamp("waiting_since", { withTimezone: true }),
    /** An open ticket put aside until then (a `ticket.wake` job reopens it); null when not snoozed. */
    snoozedUntil: timestamp("snoozed_until", { withTimezone: true }),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    lastMessagePreview: text("last_message_preview").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** The customer's first text, kept by a trigger on messages (reports: conversations an agent started). */
    firstInboundAt: timestamp("first_inbound_at", { withTimezone: true }),
    /** The first reply an agent wrote that Twilio took, and its author, kept by a trigger on messages (reports: first response). */
    firstReplyAt: timestamp("first_reply_at", { withTimezone: true }),
    firstReplyBy: uuid("first_reply_by"),
  },
  (t) => [
    // At most one open ticket per customer and integration: concurrent first messages make one ticket.
    uniqueIndex("tickets_one_open_per_customer").on(t.integrationId, t.customerId).where(sql`${t.status} = 'open'`),
    index("tickets_activity_idx").on(t.lastMessageAt.desc(), t.id.desc()),
    index("tickets_status_activity_idx").on(t.status, t.lastMessageAt.desc(), t.id.desc()),
    index("tickets_assignee_activity_idx").on(t.assigneeId, t.status, t.lastMessageAt.desc(), t.id.desc()),
    index("tickets_integration_activity_idx").on(t.integrationId, t.status, t.lastMessageAt.desc(), t.id.desc()),
    index("tickets_customer_idx").on(t.customerId, t.createdAt.desc()),
    // Reports: tickets opened in a date range, with what first responses need (read from the index alone).
    index("tickets_opened_report_idx").on(t.createdAt, t.integrationId, t.assigneeId, t.firstInboundAt, t.firstReplyAt, t.firstReplyBy),
    // Reports: tickets closed in a date range (resolution times), read from the index alone.
    index("tickets_closed_report_idx").on(t.closedAt, t.createdAt, t.integrationId, t.assigneeId).where(sql`${t.status} = 'closed'`),
    // The inbox filtered by tag (`tags @> array[name]`), with or without a view.
    index("tickets_tags_idx").using("gin", t.tags),
    // The Snoozed view, soonest wake-up first.
    index("tickets_snoozed_idx").on(t.snoozedUntil, t.id).where(sql`${t.status} = 'open' and ${t.snoozedUntil} is not null`),
    // "Waiting longest" and the Past target view: open, awake tickets by how long their customer has waited.
    index("tickets_waiting_idx").on(t.waitingSince, t.id).where(sql`${t.status} = 'open' and ${t.snoozedUntil} is null and ${t.waitingSince} is not null`),
  ],
);

// GSM-7's characters (one septet each) and its extension table (two each, after an escape),
// as lib/sms/segments.ts counts them. Anything else makes the text UCS-2: 16-bit units, a
// character outside the Basic Multilingual Plane (an emoji) taking two.
const GSM_EXTENSION = String.raw`\f\[\\\]^{|}~€`;
const GSM_CLASS = String.raw`\n\r !"#$%&''()*+,./0-9:;<=>?@A-Z_a-z¡£¤¥§¿ÄÅÆÇÉÑÖØÜßàäåæèéìñòöøùüΓΔΘΛΞΠΣΦΨΩ` + GSM_EXTENSION + "-";

/**
 * A message's SMS segments: 160 septets in one, 153 a segment when split; 70 UCS-2 units in
 * one, 67 a segment when split. Immutable, so a stored generated column can use it.
 */
export const SEGMENTS_SQL = sql.raw(`case
  when body = '' then 0
  when body ~ '^[${GSM_CLASS}]*$' then (
    case when length(body) * 2 - length(regexp_replace(body, '[${GSM_EXTENSION}]', '', 'g')) <= 160 then 1
    else ceil((length(body) * 2 - length(regexp_replace(body, '[${GSM_EXTENSION}]', '', 'g'))) / 153.0)::int end)
  else (
    case when length(body) * 2 - length(regexp_replace(body, '[\\U00010000-\\U0010FFFF]', '', 'g')) <= 70 then 1
    else ceil((length(body) * 2 - length(regexp_replace(body, '[\\U00010000-\\U0010FFFF]', '', 'g'))) / 67.0)::int end)
end`);

export const messageDirection = pgEnum("message_direction", ["inbound", "outbound", "note"]);

/**
 * `pending`: stored, not yet handed to Twilio. `unknown`: Twilio may or may not have
 * accepted it (a timeout after the request went out); an agent checks before retrying.
 */
export const messageStatus = pgEnum("message_status", [
  "received",
  "pending",
  "queued",
  "sending",
  "sent",
  "delivered",
  "undelivered",
  "failed",
  "unknown",
]);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    direction: messageDirection("direction").notNull(),
    body: text("body").notNull().default(""),
    status: messageStatus("status").notNull(),
    twilioSid: text("twilio_sid"),
    fromE164: text("from_e164"),
    toE164: text("to_e164"),
    errorCode: integer("error_code"),
    errorMessage: text("error_message"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    ruleId: uuid("rule_id"),
    ruleName: text("rule_name"),
    policyOverride: text("policy_override"),
    sendAttempts: integer("send_attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** SMS segments the text is billed as, computed by the database (see SEGMENTS_SQL). */
    segments: integer("segments").generatedAlwaysAs(SEGMENTS_SQL),
  },
  (t) => [
    // Twilio retries deliver the same MessageSid again: stored once, whatever arrives twice.
    uniqueIndex("messages_twilio_sid_key").on(t.twilioSid),
    index("messages_ticket_idx").on(t.ticketId, t.createdAt, t.id),
    // Reports: messages in a date range.
    index("messages_created_idx").on(t.createdAt),
    // Reports: a ticket's first reply by an agent that Twilio took (first response times, unanswered tickets).
    index("messages_agent_reply_idx")
      .on(t.ticketId, t.createdAt)
      .where(sql`${t.direction} = 'outbound' and ${t.authorId} is not null and ${t.twilioSid} is not null`),
    // Inbox search by words in messages; the expression must match the one in db/queries/search.ts.
    index("messages_body_search_idx").using("gin", sql`to_tsvector('simple', ${t.body})`),
  ],
);

export const attachmentStatus = pgEnum("attachment_status", ["pending", "stored", "unsupported", "failed"]);

export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    status: attachmentStatus("status").notNull(),
    contentType: text("content_type").notNull(),
    fileName: text("file_name").notNull(),
    size: integer("size").notNull().default(0),
    data: bytea("data"),
    sourceUrl: text("source_url"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("attachments_message_idx").on(t.messageId, t.position)],
);

/** The ticket timeline and, with no ticket, the admins' audit log. */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ticketId: uuid("ticket_id").references(() => tickets.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    data: jsonb("data").notNull().default({}).$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("events_ticket_idx").on(t.ticketId, t.createdAt), index("events_audit_idx").on(t.type, t.createdAt.desc())],
);

export type Customer = typeof customers.$inferSelect;
export type Ticket = typeof tickets.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type MessageStatus = (typeof messageStatus.enumValues)[number];
export type Attachment = typeof attachments.$inferSelect;
export type TicketEvent = typeof events.$inferSelect;
