import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";
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

export interface AppendToOpenTicket {
  messageSid: string;
  fromE164: string;
  /** The business number the message was sent to. */
  toE164: string;
  body: string;
  preview: string;
  now: Date;
  /** The job that runs rules on the message (queued only while some rule is enabled). */
  rulesJobKind: string;
  /** The timeline event a snoozed ticket's wake-up records. */
  wokenEventType: string;
  channel: string;
}

/**
 * The common case of an inbound SMS, in one statement (one round trip, atomic on its own):
 * a known customer writes again to their open ticket on an active integration. Stores the
 * message, touches the ticket, queues the rules job if any rule is enabled, and notifies
 * the inbox; a snoozed ticket wakes, with its timeline saying so. Returns null when the case does not apply (no such integration or open
 * ticket, or the MessageSid is already stored): the caller then files it the general way,
 * which also tells a duplicate from a new ticket or a refusal.
 */
export async function appendToOpenTicket(db: DbOrTx, input: AppendToOpenTicket): Promise<{ messageId: string; ticketId: string; queuedWork: boolean } | null> {
  const at = input.now.toISOString();
  const answer = await db.execute(sql`
    with target as (
      -- Both sides by their unique keys first, then the one-open-ticket index: a single row
      -- whatever the number of open tickets.
      select t.id as ticket_id, t.snoozed_until
      from tickets t
      where t.status = 'open'
        and t.integration_id = (select i.id from sms_integrations i where i.phone_e164 = ${input.toE164} and i.deleted_at is null and i.status = 'active')
        and t.customer_id = (select c.id from customers c where c.phone_e164 = ${input.fromE164})
    ), stored as (
      insert into messages (ticket_id, direction, body, status, twilio_sid, from_e164, to_e164, created_at, status_changed_at)
      select ticket_id, 'inbound', ${input.body}, 'received', ${input.messageSid}, ${input.fromE164}, ${input.toE164}, ${at}::timestamptz, ${at}::timestamptz
      from target
      on conflict (twilio_sid) do nothing
      returning id, ticket_id
    ), touched as (
      update tickets set last_message_at = ${at}::timestamptz, last_message_preview = ${input.preview}, last_inbound_at = ${at}::timestamptz,
        waiting_since = coalesce(tickets.waiting_since, ${at}::timestamptz), snoozed_until = null
      from stored where tickets.id = stored.ticket_id
      returning tickets.id, tickets.assignee_id
    ), woken as (
      -- A snoozed ticket wakes at once (every CTE sees the ticket as it was before this statement).
      insert into events (ticket_id, type, data, created_at)
      select stored.ticket_id, ${input.wokenEventType}, jsonb_build_object('by', 'customer', 'until', target.snoozed_until), ${at}::timestamptz
      from stored join target on target.ticket_id = stored.ticket_id
      where target.snoozed_until is not null
      returning id
    ), queued as (
      insert into jobs (kind, payload, dedupe_key)
      select ${input.rulesJobKind}, jsonb_build_object('messageId', stored.id, 'ticketCreated', false), 'rules:' || stored.id
      from stored where exists (select 1 from rules where enabled)
      on conflict do nothing
      returning id
    )
    select stored.id as message_id, stored.ticket_id, exists (select 1 from queued) as queued_work, exists (select 1 from woken) as woke,
      pg_notify(${input.channel}, json_build_object('type', 'message.created', 'ticketId', stored.ticket_id, 'messageId', stored.id, 'fromCustomer', true, 'assigneeId', (select assignee_id from touched))::text) as notified
    from stored`);
  const [row] = rowsOf<{ message_id: string; ticket_id: string; queued_work: boolean }>(answer);
  return row ? { messageId: row.message_id, ticketId: row.ticket_id, queuedWork: row.queued_work } : null;
}
