import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const phoneNumberType = pgEnum("phone_number_type", ["local", "mobile", "toll-free", "unknown"]);
export const phoneNumberSource = pgEnum("phone_number_source", ["purchased", "imported", "ported"]);

/** Numbers owned in the app: SMS works only on these. */
export const phoneNumbers = pgTable(
  "phone_numbers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    e164: text("e164").notNull(),
    twilioSid: text("twilio_sid").notNull(),
    friendlyName: text("friendly_name").notNull(),
    country: text("country").notNull(),
    type: phoneNumberType("type").notNull(),
    twilioSms: boolean("twilio_sms").notNull(),
    twilioMms: boolean("twilio_mms").notNull(),
    twilioVoice: boolean("twilio_voice").notNull().default(false),
    source: phoneNumberSource("source").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("phone_numbers_e164_key").on(t.e164), uniqueIndex("phone_numbers_twilio_sid_key").on(t.twilioSid)],
);

export const portRequestStatus = pgEnum("port_request_status", ["submitted", "in_progress", "completed", "rejected"]);

export const portRequests = pgTable("port_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  e164: text("e164").notNull(),
  currentCarrier: text("current_carrier").notNull(),
  carrierAccountNumber: text("carrier_account_number").notNull(),
  /** Needed by the carrier to release the number; never shown again once submitted. */
  carrierPin: text("carrier_pin").notNull(),
  authorizedName: text("authorized_name").notNull(),
  serviceAddress: text("service_address").notNull(),
  status: portRequestStatus("status").notNull().default("submitted"),
  rejectionReason: text("rejection_reason"),
  phoneNumberId: uuid("phone_number_id").references(() => phoneNumbers.id, { onDelete: "set null" }),
  createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const integrationStatus = pgEnum("integration_status", ["active", "deactivated"]);

export const smsIntegrations = pgTable(
  "sms_integrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    phoneNumberId: uuid("phone_number_id").references(() => phoneNumbers.id, { onDelete: "set null" }),
    /** Kept so the integration's tickets still show their number after the number is released. */
    phoneE164: text("phone_e164").notNull(),
    status: integrationStatus("status").notNull().default("active"),
    deactivatedReason: text("deactivated_reason"),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    reopenWindowDays: integer("reopen_window_days").notNull().default(3),
    maxMessageLength: integer("max_message_length").notNull().default(160),
    /** Sends through this Twilio Messaging Service (MessagingServiceSid) instead of a bare From; null sends from the number. */
    messagingServiceSid: text("messaging_service_sid"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    // One live integration per number: two admins adding one at once cannot both win.
    uniqueIndex("sms_integrations_live_number_key").on(t.phoneE164).where(sql`${t.deletedAt} is null`),
    index("sms_integrations_phone_number_idx").on(t.phoneNumberId),
  ],
);

/** Countries an admin allowed on top of the built-in list. */
export const allowedCountries = pgTable("allowed_countries", {
  country: text("country").primaryKey(),
  addedById: uuid("added_by_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type PhoneNumber = typeof phoneNumbers.$inferSelect;
export type SmsIntegration = typeof smsIntegrations.$inferSelect;
export type PortRequest = typeof portRequests.$inferSelect;

export const refusalReason = pgEnum("refusal_reason", ["country_not_allowed", "one_time_passcode", "short_code_or_sender_name"]);

/**
 * Every inbound text the inbox refused, once per MessageSid: when, from whom, to which
 * integration and why, so an admin can answer "I texted you". It never holds the text:
 * a passcode's must not be kept, and the others were refused, not received.
 */
export const refusedMessages = pgTable(
  "refused_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageSid: text("message_sid").notNull(),
    /** As Twilio sent it when it is no phone number (a short code, a sender name), else E.164. */
    fromNumber: text("from_number").notNull(),
    country: text("country"),
    integrationId: uuid("integration_id").references(() => smsIntegrations.id, { onDelete: "set null" }),
    reason: refusalReason("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("refused_messages_message_sid_key").on(t.messageSid),
    index("refused_messages_created_idx").on(t.createdAt.desc(), t.id.desc()),
    index("refused_messages_from_idx").on(t.fromNumber, t.createdAt.desc()),
  ],
);

export type RefusedMessage = typeof refusedMessages.$inferSelect;
export type RefusalReason = (typeof refusalReason.enumValues)[number];
