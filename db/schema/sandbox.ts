import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { bytea } from "./types";


// The built-in Twilio sandbox keeps its carrier state here, apart from the app's own tables.

export const sandboxPhoneNumbers = pgTable("sandbox_phone_numbers", {
  sid: text("sid").primaryKey(),
  accountSid: text("account_sid").notNull(),
  phoneNumber: text("phone_number").notNull().unique(),
  friendlyName: text("friendly_name").notNull(),
  isoCountry: text("iso_country").notNull(),
  numberType: text("number_type").notNull(),
  sms: boolean("sms").notNull(),
  mms: boolean("mms").notNull(),
  voice: boolean("voice").notNull(),
  smsUrl: text("sms_url").notNull().default(""),
  smsMethod: text("sms_method").notNull().default("POST"),
  smsFallbackUrl: text("sms_fallback_url").notNull().default(""),
  smsFallbackMethod: text("sms_fallback_method").notNull().default("POST"),
  statusCallback: text("status_callback").notNull().default(""),
  statusCallbackMethod: text("status_callback_method").notNull().default("POST"),
  /** The Messaging Service the number is in (a number is in one at most, as at Twilio). */
  messagingServiceSid: text("messaging_service_sid"),
  /** A toll-free number's verification: its SID and Twilio's status (PENDING_REVIEW, IN_REVIEW, TWILIO_APPROVED, TWILIO_REJECTED). */
  tollfreeVerificationSid: text("tollfree_verification_sid"),
  tollfreeVerificationStatus: text("tollfree_verification_status"),
  dateCreated: timestamp("date_created", { withTimezone: true }).notNull().defaultNow(),
  dateUpdated: timestamp("date_updated", { withTimezone: true }).notNull().defaultNow(),
});

/** Messaging Services, each with at most one US A2P 10DLC campaign (its SID and status). */
export const sandboxMessagingServices = pgTable("sandbox_messaging_services", {
  sid: text("sid").primaryKey(),
  accountSid: text("account_sid").notNull(),
  friendlyName: text("friendly_name").notNull(),
  campaignSid: text("campaign_sid"),
  /** IN_PROGRESS, VERIFIED or FAILED, as Twilio's campaign_status. */
  campaignStatus: text("campaign_status"),
  dateCreated: timestamp("date_created", { withTimezone: true }).notNull().defaultNow(),
  dateUpdated: timestamp("date_updated", { withTimezone: true }).notNull().defaultNow(),
});

export const sandboxMessages = pgTable(
  "sandbox_messages",
  {
    sid: text("sid").primaryKey(),
    accountSid: text("account_sid").notNull(),
    direction: text("direction").notNull(),
    from: text("from").notNull(),
    to: text("to").notNull(),
    body: text("body").notNull().default(""),
    status: text("status").notNull(),
    errorCode: integer("error_code"),
    errorMessage: text("error_message"),
    numMedia: integer("num_media").notNull().default(0),
    numSegments: integer("num_segments").notNull().default(1),
    statusCallback: text("status_callback"),
    messagingServiceSid: text("messaging_service_sid"),
    webhookError: text("webhook_error"),
    dateCreated: timestamp("date_created", { withTimezone: true }).notNull().defaultNow(),
    dateUpdated: timestamp("date_updated", { withTimezone: true }).notNull().defaultNow(),
    dateSent: timestamp("date_sent", { withTimezone: true }),
  },
  (t) => [index("sandbox_messages_parties_idx").on(t.from, t.to, t.dateCreated)],
);

export const sandboxMedia = pgTable(
  "sandbox_media",
  {
    sid: text("sid").primaryKey(),
    messageSid: text("message_sid").notNull(),
    accountSid: text("account_sid").notNull(),
    contentType: text("content_type").notNull(),
    fileName: text("file_name"),
    data: bytea("data").notNull(),
    dateCreated: timestamp("date_created", { withTimezone: true }).notNull().defaultNow(),
    dateUpdated: timestamp("date_updated", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sandbox_media_message_idx").on(t.messageSid)],
);

/** Carrier-level opt-out: STOP from a handset blocks that business number until START. */
export const sandboxOptOuts = pgTable(
  "sandbox_opt_outs",
  {
    businessNumber: text("business_number").notNull(),
    handsetNumber: text("handset_number").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.businessNumber, t.handsetNumber] })],
);
