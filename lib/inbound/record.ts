import { randomUUID } from "node:crypto";
import { eq, is, sql, TransactionRollbackError } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { clearOptOut, findCustomerWithOpenTicket, findOrCreateCustomer, setOptedOut } from "@/db/queries/customers";
import { recordAuditEntryOnce } from "@/db/queries/audit";
import { recordEvent } from "@/db/queries/events";
import { fileTextMessage, loadInboundContext, type FiledText } from "@/db/queries/inbound";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { attachments, messages, tickets, type SmsIntegration } from "@/db/schema";
import { log } from "@/lib/log";
import { isCountryAllowed } from "@/lib/phone/countries";
import { countryOfCustomer, isShortCodeOrAlphanumericSender, normalizePhoneNumber } from "@/lib/phone/normalize";
import { publishInboxEvent, publishInboxEventsNow, type InboxEvent } from "@/lib/realtime/publish";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import { classifyKeyword, keywordFromOptOutType, type CarrierKeyword } from "./keywords";
import { looksLikeOneTimePasscode } from "./otp";
import { previewOf, resolveTicketForInbound } from "./ticket";
import type { InboundMessage } from "./validation";

export type InboundOutcome =
  | {
      outcome: "stored";
      ticketId: string;
      messageId: string;
      ticketChange: "joined" | "reopened" | "created";
      /** Whether it left background work (media to fetch, rules to run). */
      queuedWork: boolean;
    }
  | { outcome: "duplicate" }
  | { outcome: "no_integration" }
  | { outcome: "blocked_country"; country: string | null }
  | { outcome: "blocked_otp"; kind: "one-time-passcode" | "short-code" | "sender-name" };

function e164Of(number: string): string {
  const normalized = normalizePhoneNumber(number);
  return normalized.ok ? normalized.e164 : number;
}

function carrierKeyword(message: InboundMessage): CarrierKeyword | null {
  const fromBody = classifyKeyword(message.Body);
  if (fromBody) return fromBody;
  const kind = keywordFromOptOutType(message.OptOutType);
  return kind ? { kind, keyword: (message.OptOutType ?? "").toUpperCase() } : null;
}

/**
 * Stores one inbound SMS or MMS exactly once and files it on its ticket. Everything the
 * message causes (customer, ticket, opt-out, attachments to fetch, events) is written in
 * one transaction, so a 200 to Twilio means all of it is durable.
 */
export async function recordInboundMessage({ db, message, now = new Date() }: { db: Database; message: InboundMessage; now?: Date }): Promise<InboundOutcome> {
  const from = normalizePhoneNumber(message.From);
  const phoneE164 = from.ok ? from.e164 : message.From;
  const toE164 = e164Of(message.To);
  const country = countryOfCustomer(phoneE164, message.FromCountry);
  const fromSender = isShortCodeOrAlphanumericSender(message.From);
  const otp = fromSender || looksLikeOneTimePasscode(message.Body);

  // Most messages are text from a country allowed by default: one prepared statement checks
  // the integration and files them, whether the customer is known or new and the ticket open,
  // recent or new. Anything else (and a Twilio retry of a stored message, or a message that lost
  // a race with another from the same customer) takes the general way below.
  if (!otp && message.media.length === 0 && !carrierKeyword(message) && isCountryAllowed(country, [])) {
    const filed = await fileTextMessage(db, {
      messageSid: message.MessageSid,
      fromE164: phoneE164,
      toE164,
      body: message.Body,
      preview: previewOf(message.Body, 0),
      country,
      now,
      rulesJobKind: "rules.run",
      wokenEventType: TICKET_EVENTS.woken,
    }).catch((error: unknown) => (isUniqueViolation(error) ? null : Promise.reject(error)));
    if (filed) {
      await publishInboxEventsNow({ db, events: liveEventsOf(filed) });
      return { outcome: "stored", ticketId: filed.ticketId, messageId: filed.messageId, ticketChange: filed.ticketChange, queuedWork: filed.queuedWork };
    }
  }

  const context = await loadInboundContext({ db, messageSid: message.MessageSid, toE164 });
  if (context.seen) return { outcome: "duplicate" };

  const { integration } = context;
  if (!integration || integration.status !== "active") {
    log.info({ messageSid: message.MessageSid, reason: integration ? "integration deactivated" : "no SMS integration for this number" }, "inbound message not filed");
    return { outcome: "no_integration" };
  }

  if (otp) {
    await recordAuditEntryOnce({
      db,
      type: "audit.otp_blocked",
      messageSid: message.MessageSid,
      data: { integrationId: integration.id },
      refusal: { fromNumber: phoneE164, country: fromSender ? null : country, integrationId: integration.id, reason: fromSender ? "short_code_or_sender_name" : "one_time_passcode" },
      now,
    });
    log.info({ messageSid: message.MessageSid }, "one-time passcode not received");
    return { outcome: "blocked_otp", kind: !fromSender ? "one-time-passcode" : /\p{L}/u.test(message.From) ? "sender-name" : "short-code" };
  }

  if (!isCountryAllowed(country, context.extraAllowedCountries)) {
    await recordAuditEntryOnce({
      db,
      type: "audit.country_blocked",
      messageSid: message.MessageSid,
      data: { integrationId: integration.id, country },
      refusal: { fromNumber: phoneE164, country, integrationId: integration.id, reason: "country_not_allowed" },
      now,
    });
    log.info({ messageSid: message.MessageSid, country }, "inbound message from a country that is not allowed");
    return { outcome: "blocked_country", country };
  }

  const file = () => fileMessage({ db, message, integration, phoneE164, country, now, runRules: context.rulesEnabled });
  // A ticket closed or opened by someone else mid-way can trip the one-open-ticket index: file again.
  return file().catch((error: unknown) => (isUniqueViolation(error) ? file() : Promise.reject(error)));
}

/** What the inbox hears of a filed text, as the general way publishes it. */
function liveEventsOf({ ticketChange, ticketId, messageId, customerId, assigneeId }: FiledText): InboxEvent[] {
  if (ticketChange === "created") return [{ type: "ticket.created", ticketId, customerId, assigneeId }];
  const created: InboxEvent = { type: "message.created", ticketId, messageId, fromCustomer: true, assigneeId };
  // The customer's other tickets list this one's status.
  return ticketChange === "reopened" ? [created, { type: "ticket.updated", ticketId, customerId }] : [created];
}

async function fileMessage({
  db,
  message,
  integration,
  phoneE164,
  country,
  now,
  runRules,
}: {
  db: Database;
  message: InboundMessage;
  integration: SmsIntegration;
  phoneE164: string;
  country: string | null;
  now: Date;
  /** False when no rule is enabled: there is nothing for a rules job to do. */
  runRules: boolean;
}): Promise<InboundOutcome> {
  return db.transaction(async (tx) => {
    const known = await findCustomerWithOpenTicket({ db: tx, phoneE164, integrationId: integration.id });
    const found = known ? { customer: known.customer, created: false } : await findOrCreateCustomer({ db: tx, phoneE164, country });
    const customer = found.customer;
    const { ticket, change } = known?.openTicket
      ? { ticket: known.openTicket, change: "joined" as const }
      : await resolveTicketForInbound({ tx, integration, customerId: customer.id, now, newCustomer: found.created });

    // The ticket before the MessageSid, in the order the one-statement way takes them: a retry
    // of this message filed there at the same moment then waits for us, rather than each
    // holding what the other needs (a deadlock).
    if (change === "joined") await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, ticket.id)).for("no key update");

    const [stored] = await tx
      .insert(messages)
      .values({
        ticketId: ticket.id,
        direction: "inbound",
        body: message.Body,
        status: "received",
        twilioSid: message.MessageSid,
        fromE164: phoneE164,
        toE164: integration.phoneE164,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: messages.id });
    if (!stored) {
      // The same MessageSid won a race with us: undo everything this attempt wrote.
      tx.rollback();
      throw new Error("unreachable");
    }

    // Independent writes, sent together: on PostgreSQL they share one round trip (pipelined on
    // the transaction's connection); if any fails the transaction rolls back as a whole.
    const keyword = carrierKeyword(message);
    await Promise.all([
      tx
        .update(tickets)
        .set({
          lastMessageAt: now,
          lastMessagePreview: previewOf(message.Body, message.media.length),
          lastInboundAt: now,
          waitingSince: sql`coalesce(${tickets.waitingSince}, ${now.toISOString()}::timestamptz)`,
          // A customer's message wakes a snoozed ticket at once.
          snoozedUntil: null,
        })
        .where(eq(tickets.id, ticket.id)),
      ticket.snoozedUntil && recordEvent({ db: tx, ticketId: ticket.id, type: TICKET_EVENTS.woken, data: { by: "customer", until: ticket.snoozedUntil.toISOString() }, at: now }),
      // Stamped like the message, so the timeline shows the ticket opening before it.
      change !== "joined" && recordEvent({ db: tx, ticketId: ticket.id, type: change === "created" ? "ticket.created" : "ticket.reopened", at: now }),
      storeMediaPlaceholders(tx, stored.id, message),
      // Rules run after the answer to Twilio, from this row: a crash in between only delays them.
      runRules &&
        enqueueJob({ db: tx, job: { kind: "rules.run", payload: { messageId: stored.id, ticketCreated: change === "created" }, dedupeKey: `rules:${stored.id}` } }),
      keyword && keyword.kind !== "help" && recordKeyword(tx, { customerId: customer.id, ticketId: ticket.id, messageId: stored.id, businessE164: integration.phoneE164, keyword }),
      publishInboxEvent({
        db: tx,
        event:
          change === "created"
            ? { type: "ticket.created", ticketId: ticket.id, customerId: customer.id, assigneeId: ticket.assigneeId }
            : { type: "message.created", ticketId: ticket.id, messageId: stored.id, fromCustomer: true, assigneeId: ticket.assigneeId },
      }),
      // The customer's other tickets list this one's status.
      change === "reopened" && publishInboxEvent({ db: tx, event: { type: "ticket.updated", ticketId: ticket.id, customerId: customer.id } }),
    ]);
    const queuedWork = runRules || message.media.length > 0;
    return { outcome: "stored" as const, ticketId: ticket.id, messageId: stored.id, ticketChange: change, queuedWork };
  }).catch((error: unknown) => {
    if (isRollback(error)) return { outcome: "duplicate" as const };
    throw error;
  });
}

async function recordKeyword(
  tx: Transaction,
  { customerId, ticketId, messageId, businessE164, keyword }: { customerId: string; ticketId: string; messageId: string; businessE164: string; keyword: CarrierKeyword },
) {
  if (keyword.kind === "opt-out") {
    await setOptedOut({ db: tx, customerId, businessE164, keyword: keyword.keyword });
    await recordEvent({ db: tx, ticketId, type: "customer.opted_out", data: { keyword: keyword.keyword, messageId } });
    return;
  }
  // START, YES or UNSTOP opts back in only someone who had opted out; otherwise it is a plain reply.
  if (await clearOptOut({ db: tx, customerId, businessE164, keyword: keyword.keyword })) {
    await recordEvent({ db: tx, ticketId, type: "customer.opted_in", data: { keyword: keyword.keyword, messageId } });
  }
}

async function storeMediaPlaceholders(tx: Transaction, messageId: string, message: InboundMessage) {
  // Every file is fetched, whatever Twilio declared: the download decides from the bytes
  // whether it is a picture we keep. Ids made here, so each attachment and its job go together.
  await Promise.all(
    message.media.map(async (media, position) => {
      const id = randomUUID();
      await Promise.all([
        tx.insert(attachments).values({
          id,
          messageId,
          position,
          status: "pending",
          contentType: media.contentType,
          fileName: `attachment-${position + 1}`,
          sourceUrl: media.url,
        }),
        enqueueJob({ db: tx, job: { kind: "media.download", payload: { attachmentId: id }, dedupeKey: `media:${id}`, maxAttempts: 6 } }),
      ]);
    }),
  );
}

function isRollback(error: unknown): boolean {
  // Not instanceof: the production server bundles drizzle-orm more than once, and the
  // transaction may come from another copy than this module's (the one opened at start).
  return is(error, TransactionRollbackError);
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
