import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { executePrepared, rowsOf, type Database, type DbOrTx } from "../client";
import { allowedCountries, messages, rules, smsIntegrations, type SmsIntegration } from "../schema";

export interface InboundContext {
  /** The MessageSid is already stored (Twilio retried). */
  seen: boolean;
  /** The SMS integration on the number the message was sent to, if it has one. */
  integration: SmsIntegration | null;
  /** Countries admins allowed on top of the built-in list. */
  extraAllowedCountries: string[];
  /** Whether any rule is enabled, so whether rules need to look at the message at all. */
  rulesEnabled: boolean;
}

/**
 * Everything an inbound message is checked against before it is filed, in one round trip.
 * With no integration on the number nothing else matters: the message is not filed.
 */
export async function loadInboundContext({ db, messageSid, toE164 }: { db: DbOrTx; messageSid: string; toE164: string }): Promise<InboundContext> {
  const [row] = await db
    .select({
      seen: sql<boolean>`exists (select 1 from ${messages} where ${messages.twilioSid} = ${messageSid})`,
      countries: sql<string[] | null>`(select array_agg(${allowedCountries.country}) from ${allowedCountries})`,
      rulesEnabled: sql<boolean>`exists (select 1 from ${rules} where ${rules.enabled})`,
      integration: smsIntegrations,
    })
    .from(smsIntegrations)
    .where(and(eq(smsIntegrations.phoneE164, toE164), isNull(smsIntegrations.deletedAt)));
  if (!row) return { seen: false, integration: null, extraAllowedCountries: [], rulesEnabled: false };
  return { seen: row.seen, integration: row.integration, extraAllowedCountries: row.countries ?? [], rulesEnabled: row.rulesEnabled };
}

export interface FileTextMessage {
  messageSid: string;
  fromE164: string;
  /** The business number the message was sent to. */
  toE164: string;
  body: string;
  preview: string;
  /** The customer's country, for a customer this message creates. */
  country: string | null;
  now: Date;
  /** The job that runs rules on the message (queued only while some rule is enabled). */
  rulesJobKind: string;
  /** The timeline event a snoozed ticket's wake-up records. */
  wokenEventType: string;
}

export type FiledText = {
  messageId: string;
  ticketId: string;
  ticketChange: "joined" | "reopened" | "created";
  queuedWork: boolean;
  customerId: string;
  assigneeId: string | null;
};

// One statement, prepared once per connection: every CTE sees the tables as they were when it
// began, so each step that another request may race with re-checks its row as it writes it.
// - integ: the active integration on the number, unless the MessageSid is stored already.
// - customer: the known one, or one made here (a concurrent first message that made them first
//   leaves none: the statement files nothing and the caller takes the general way).
// - the ticket: the open one (updated only while still open), else the last one closed within
//   the reopen window (reopened only while still closed), else a new one, whose insert joins an
//   open ticket a concurrent message made meanwhile (the one-open-ticket index).
// - the ticket is locked before the message's MessageSid is taken, as the general way does, so
//   that two requests filing the same MessageSid at once cannot deadlock.
// - the message is inserted without ON CONFLICT: a concurrent retry of the same MessageSid
//   fails the whole statement (23505), so nothing of it is kept, and the caller files it again.
const FILE_TEXT_MESSAGE = `
with integ as (
  select i.id, i.reopen_window_days from sms_integrations i
  where i.phone_e164 = $3 and i.deleted_at is null and i.status = 'active'
    and not exists (select 1 from messages m where m.twilio_sid = $1)
), known as (
  select c.id from customers c where c.phone_e164 = $2
), added as (
  insert into customers (phone_e164, country)
  select $2, $7 from integ where not exists (select 1 from known)
  on conflict (phone_e164) do nothing
  returning id
), customer as (
  select known.id, false as created from known, integ union all select added.id, true from added
), open_ticket as (
  select t.id, t.snoozed_until from tickets t, integ, customer
  where t.status = 'open' and t.integration_id = integ.id and t.customer_id = customer.id
), recent as (
  select t.id, t.snoozed_until from tickets t, integ, customer
  where not customer.created and integ.reopen_window_days > 0 and not exists (select 1 from open_ticket)
    and t.integration_id = integ.id and t.customer_id = customer.id and t.status = 'closed'
    and t.closed_at >= $6::timestamptz - make_interval(secs => integ.reopen_window_days * 86400)
  order by t.closed_at desc limit 1
), joined as (
  update tickets t set last_message_at = $6::timestamptz, last_message_preview = $5, last_inbound_at = $6::timestamptz,
    waiting_since = coalesce(t.waiting_since, $6::timestamptz), snoozed_until = null
  from open_ticket o where t.id = o.id and t.status = 'open'
  returning t.id, t.assignee_id, 'joined' as change, o.snoozed_until
), reopened as (
  update tickets t set status = 'open', closed_at = null, last_message_at = $6::timestamptz, last_message_preview = $5,
    last_inbound_at = $6::timestamptz, waiting_since = coalesce(t.waiting_since, $6::timestamptz), snoozed_until = null
  from recent r where t.id = r.id and t.status = 'closed'
  returning t.id, t.assignee_id, 'reopened' as change, r.snoozed_until
), created as (
  insert into tickets as t (integration_id, customer_id, last_message_at, last_message_preview, last_inbound_at, waiting_since)
  select integ.id, customer.id, $6::timestamptz, $5, $6::timestamptz, $6::timestamptz from integ, customer
  where not exists (select 1 from open_ticket) and not exists (select 1 from recent)
  on conflict (integration_id, customer_id) where status = 'open' do update set
    last_message_at = excluded.last_message_at, last_message_preview = excluded.last_message_preview,
    last_inbound_at = excluded.last_inbound_at, waiting_since = coalesce(t.waiting_since, excluded.waiting_since), snoozed_until = null
  returning t.id, t.assignee_id, case when t.xmax = 0 then 'created' else 'joined' end as change, null::timestamptz as snoozed_until
), ticket as (
  select * from joined union all select * from reopened union all select * from created
), stored as (
  insert into messages (ticket_id, direction, body, status, twilio_sid, from_e164, to_e164, created_at, status_changed_at)
  select ticket.id, 'inbound', $4, 'received', $1, $2, $3, $6::timestamptz, $6::timestamptz from ticket
  returning id, ticket_id
), opened as (
  -- Stamped like the message, so the timeline shows the ticket opening before it.
  insert into events (ticket_id, type, created_at)
  select ticket.id, 'ticket.' || ticket.change, $6::timestamptz from ticket where ticket.change <> 'joined'
  returning id
), woken as (
  -- A snoozed ticket wakes at once.
  insert into events (ticket_id, type, data, created_at)
  select ticket.id, $9, jsonb_build_object('by', 'customer', 'until', ticket.snoozed_until), $6::timestamptz
  from ticket where ticket.snoozed_until is not null
  returning id
), queued as (
  insert into jobs (kind, payload, dedupe_key)
  select $8, jsonb_build_object('messageId', stored.id, 'ticketCreated', ticket.change = 'created'), 'rules:' || stored.id
  from stored, ticket where exists (select 1 from rules where enabled)
  on conflict do nothing
  returning id
)
select stored.id as message_id, stored.ticket_id, ticket.change, exists (select 1 from queued) as queued_work,
  customer.id as customer_id, ticket.assignee_id, (select count(*) from opened) + (select count(*) from woken) as events
from stored, ticket, customer`;

/**
 * A text message (no media, no carrier keyword) filed in one prepared statement, one round trip
 * and atomic on its own, whether its customer is known or new and whether it joins their open
 * ticket, reopens a recent one or starts one: the customer, the ticket, the message, timeline
 * events (opened, woken from a snooze) and the rules job while a rule is enabled. The inbox's live
 * events are the caller's to publish once it returned (see publishInboxEventsNow). Returns null when it does not apply (no active integration on the number, the
 * MessageSid stored already, a concurrent first message or reopening won the race): the
 * caller then files it the general way, which also tells a duplicate from a refusal. A
 * concurrent retry of the same MessageSid, or a ticket opened by another request while this
 * one reopened another, fails it with a unique violation and nothing written.
 */
export async function fileTextMessage(db: Database, input: FileTextMessage): Promise<FiledText | null> {
  const at = input.now.toISOString();
  const answer = await executePrepared(db, FILE_TEXT_MESSAGE, [
    input.messageSid,
    input.fromE164,
    input.toE164,
    input.body,
    input.preview,
    at,
    input.country,
    input.rulesJobKind,
    input.wokenEventType,
  ]);
  const [row] = rowsOf<{ message_id: string; ticket_id: string; change: FiledText["ticketChange"]; queued_work: boolean; customer_id: string; assignee_id: string | null }>(answer);
  return row
    ? { messageId: row.message_id, ticketId: row.ticket_id, ticketChange: row.change, queuedWork: row.queued_work, customerId: row.customer_id, assigneeId: row.assignee_id }
    : null;
}
