import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { rowsOf, type Database } from "../db/client";
import { appSettings, customers, phoneNumbers, sandboxPhoneNumbers, smsIntegrations, users } from "../db/schema";
import { hashPassword } from "../lib/auth/password";
import { BUSINESS_NUMBER } from "./ingest";

export const BENCH_ADMIN = { email: "bench@example.com", password: "benchmark password" };
export const BENCH_AGENT = { email: "agent@example.com", password: "benchmark password" };
export const SECOND_BUSINESS_NUMBER = "+14155550101";

export interface Seeded {
  accountSid: string;
  authToken: string;
  integrationId: string;
  secondIntegrationId: string;
  agentId: string;
  existingCustomers: string[];
}

/**
 * What every scenario needs: sandbox credentials the benchmark knows, an admin and an
 * agent, two SMS integrations on numbers the sandbox account owns, known customers.
 */
export async function seedBase(db: Database, customerCount = 2000): Promise<Seeded> {
  const credentials = { accountSid: `AC${randomBytes(16).toString("hex")}`, authToken: randomBytes(16).toString("hex") };
  await db.insert(appSettings).values({ key: "sandbox.credentials", value: credentials }).onConflictDoUpdate({ target: appSettings.key, set: { value: credentials } });
  const passwordHash = await hashPassword(BENCH_ADMIN.password);
  await db.insert(users).values({ name: "Bench Admin", email: BENCH_ADMIN.email, passwordHash, role: "admin" }).onConflictDoNothing();
  const [agent] = await db.insert(users).values({ name: "Bench Agent", email: BENCH_AGENT.email, passwordHash, role: "agent" }).returning();
  await db.insert(sandboxPhoneNumbers).values(
    [BUSINESS_NUMBER, SECOND_BUSINESS_NUMBER].map((phoneNumber) => ({
      sid: `PN${randomBytes(16).toString("hex")}`,
      accountSid: credentials.accountSid,
      phoneNumber,
      friendlyName: phoneNumber,
      isoCountry: "US",
      numberType: "local",
      sms: true,
      mms: true,
      voice: true,
    })),
  );
  const [integration, second] = await db
    .insert(smsIntegrations)
    .values([
      { name: "Bench shop", phoneE164: BUSINESS_NUMBER },
      { name: "Bench outlet", phoneE164: SECOND_BUSINESS_NUMBER },
    ])
    .returning();
  await db.execute(sql`
    insert into customers (phone_e164, country)
    select '+1415' || lpad((5000000 + g)::text, 7, '0'), 'US' from generate_series(1, ${customerCount}) g
    on conflict do nothing`);
  const rows = await db.select({ phone: customers.phoneE164 }).from(customers).limit(customerCount);
  return { ...credentials, integrationId: integration!.id, secondIntegrationId: second!.id, agentId: agent!.id, existingCustomers: rows.map((row) => row.phone) };
}

export interface InboxScale {
  tickets: number;
  customers: number;
  messagesPerTicket: number;
  bigTicketMessages: number;
}

export const FULL_SCALE: InboxScale = { tickets: 100_000, customers: 50_000, messagesPerTicket: 10, bigTicketMessages: 1_000 };

const WORDS = ["refund", "shipping", "late", "broken", "size", "exchange", "tracking", "invoice", "discount", "colour"];

/**
 * The inbox at scale, with set-based SQL (seconds, not hours): customers, tickets spread
 * over two integrations and a year, ~15 % open, 5 % of those the agent's, tags, messages with
 * varied words (replies by the admin and the agent, with Twilio SIDs; ~5 % undelivered or failed),
 * who closed each closed ticket and some reopenings, and one ticket with a long thread. Returns that ticket's id.
 */
export async function seedInbox(db: Database, seeded: Seeded, scale: InboxScale = FULL_SCALE): Promise<{ bigTicketId: string }> {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, BENCH_ADMIN.email));
  const adminId = admin!.id;
  const words = `(array[${WORDS.map((word) => `'${word}'`).join(",")}])`;
  // A million rows in one statement: the reports' rollups are filled in once at the end, as
  // the migration does for existing data, rather than by the per-row trigger.
  await db.execute(sql`alter table messages disable trigger report_messages_changed`);
  await db.execute(sql`
    insert into customers (phone_e164, name, country)
    select '+1212' || (2000000 + g)::text, 'Customer ' || g, 'US' from generate_series(1, ${scale.customers}) g`);
  // Valid numbers (a NANP exchange cannot start with 0 or 1): (212) 200-0001 onwards.
  // Ticket g belongs to customer ((g - 1) % customers) + 1; only the first ticket of each
  // customer may be open, so the one-open-ticket-per-customer rule holds.
  await db.execute(sql`
    with numbered as (
      select id, row_number() over (order by phone_e164) as n from customers where phone_e164 like '+1212%'
    )
    insert into tickets (integration_id, customer_id, status, assignee_id, last_inbound_at, last_message_at, last_message_preview, created_at, closed_at)
    select
      case when g % 2 = 0 then ${seeded.integrationId}::uuid else ${seeded.secondIntegrationId}::uuid end,
      c.id,
      s.status::ticket_status,
      case when s.status = 'open' and random() < 0.05 then ${seeded.agentId}::uuid end,
      case when random() < 0.1 then s.at end,
      s.at,
      'Where is my order?',
      s.at - interval '1 hour',
      case when s.status = 'closed' then s.at end
    from generate_series(1, ${scale.tickets}) g
    join numbered c on c.n = ((g - 1) % ${scale.customers}) + 1
    cross join lateral (
      select case when g <= ${scale.customers} and random() < 0.3 then 'open' else 'closed' end as status,
             now() - random() * interval '365 days' as at
    ) s`);
  await db.execute(
    sql.raw(`
    insert into messages (ticket_id, direction, body, status, from_e164, created_at, status_changed_at, author_id, twilio_sid, error_code)
    select t.id,
      case when k % 2 = 1 then 'inbound' else 'outbound' end::message_direction,
      case when k % 2 = 1
        then 'Where is my order ' || (1000 + (random() * 90000)::int) || '? ' || ${words}[1 + (random() * 9)::int] || ' ' || ${words}[1 + (random() * 9)::int]
        else 'Thanks for writing, we are looking at your ' || ${words}[1 + (random() * 9)::int] || ' question.' end,
      case when k % 2 = 1 then 'received'
        when r.x < 0.03 then 'failed' when r.x < 0.05 then 'undelivered' when r.x < 0.07 then 'sent' else 'delivered' end::message_status,
      null,
      t.last_message_at - (${scale.messagesPerTicket} - k) * interval '3 minutes',
      t.last_message_at - (${scale.messagesPerTicket} - k) * interval '3 minutes',
      case when k % 2 = 0 then (case when k % 4 = 0 then '${seeded.agentId}'::uuid else '${adminId}'::uuid end) end,
      case when k % 2 = 0 then 'SM' || md5(t.id::text || k::text) end,
      case when k % 2 = 0 and r.x < 0.05 then (array[30003, 30005, 30006, 30007])[1 + (r.x * 1000)::int % 4] end
    from tickets t cross join generate_series(1, ${scale.messagesPerTicket}) k cross join lateral (select random() + k * 0 as x) r`),
  );
  // Who closed each closed ticket, and some tickets reopened before their last close.
  await db.execute(
    sql.raw(`
    insert into events (ticket_id, type, actor_id, created_at)
    select t.id, 'ticket.closed', case when random() < 0.5 then '${seeded.agentId}'::uuid else '${adminId}'::uuid end, t.closed_at
    from tickets t where t.status = 'closed'
    union all
    select t.id, 'ticket.reopened', null, t.created_at + interval '20 minutes'
    from tickets t where random() < 0.1`),
  );
  // Tags as agents and rules leave them: "vip" on 5 % of tickets, "refund" on 15 %.
  await db.execute(sql`
    update tickets set tags = array_remove(array[case when random() < 0.05 then 'vip' end, case when random() < 0.15 then 'refund' end], null)`);
  await db.execute(sql`insert into tags (name) values ('vip'), ('refund') on conflict do nothing`);
  const big = await db.execute(sql`select id from tickets where status = 'open' and assignee_id is null order by last_message_at desc limit 1`);
  const bigTicketId = rowsOf<{ id: string }>(big)[0]!.id;
  await db.execute(sql`
    insert into messages (ticket_id, direction, body, status, created_at, status_changed_at)
    select ${bigTicketId}::uuid,
      case when k % 2 = 1 then 'inbound' else 'outbound' end::message_direction,
      'Message ' || k || ' of a long conversation about a ' || (array['refund','parcel','voucher'])[1 + k % 3],
      case when k % 2 = 1 then 'received' else 'delivered' end::message_status,
      now() - interval '30 days' + k * interval '1 minute',
      now() - interval '30 days' + k * interval '1 minute'
    from generate_series(1, ${scale.bigTicketMessages - scale.messagesPerTicket}) k`);
  await db.execute(sql`alter table messages enable trigger report_messages_changed`);
  await db.execute(sql`select report_rollups_rebuild()`);
  // As autovacuum would have by then: statistics, and the visibility map index-only scans need.
  await db.execute(sql`vacuum analyze`);
  return { bigTicketId };
}

/**
 * Lists the integration's number (which the sandbox account owns) among the app's phone
 * numbers and links it, as buying it in Settings would.
 */
export async function seedSendingNumber(db: Database, seeded: Seeded): Promise<void> {
  const [owned] = await db.select({ sid: sandboxPhoneNumbers.sid }).from(sandboxPhoneNumbers).where(eq(sandboxPhoneNumbers.phoneNumber, BUSINESS_NUMBER));
  const sid = owned!.sid;
  const [number] = await db
    .insert(phoneNumbers)
    .values({ e164: BUSINESS_NUMBER, twilioSid: sid, friendlyName: "(415) 555-0100", country: "US", type: "local", twilioSms: true, twilioMms: true, source: "purchased" })
    .returning();
  await db.update(smsIntegrations).set({ phoneNumberId: number!.id }).where(eq(smsIntegrations.id, seeded.integrationId));
}
