import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { customers, optOuts, phoneNumbers, smsIntegrations, tickets, type Customer, type PhoneNumber, type SmsIntegration, type Ticket } from "../schema";

/** Everything that decides whether and how a message can go out on a ticket. */
export interface SendingContext {
  ticket: Ticket;
  customer: Customer;
  integration: SmsIntegration;
  phoneNumber: PhoneNumber | null;
  optOut: { optedOut: boolean; keyword: string; changedAt: Date } | null;
}

export async function getSendingContext({ db, ticketId, lockTicket = false }: { db: DbOrTx; ticketId: string; lockTicket?: boolean }): Promise<SendingContext | null> {
  const query = db
    .select({ ticket: tickets, customer: customers, integration: smsIntegrations, phoneNumber: phoneNumbers, optOut: optOuts })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .innerJoin(smsIntegrations, eq(smsIntegrations.id, tickets.integrationId))
    .leftJoin(phoneNumbers, eq(phoneNumbers.id, smsIntegrations.phoneNumberId))
    .leftJoin(optOuts, and(eq(optOuts.customerId, tickets.customerId), eq(optOuts.businessE164, smsIntegrations.phoneE164)))
    .where(eq(tickets.id, ticketId));
  // Locks only the ticket row: two sends on one ticket queue behind each other, nothing else waits.
  const [row] = lockTicket ? await query.for("update", { of: tickets }) : await query;
  if (!row) return null;
  return {
    ticket: row.ticket,
    customer: row.customer,
    integration: row.integration,
    phoneNumber: row.phoneNumber,
    optOut: row.optOut ? { optedOut: row.optOut.optedOut, keyword: row.optOut.keyword, changedAt: row.optOut.changedAt } : null,
  };
}

export async function getSmsIntegrationWithNumber({ db, id }: { db: DbOrTx; id: string }): Promise<{ integration: SmsIntegration; phoneNumber: PhoneNumber | null } | null> {
  const [row] = await db
    .select({ integration: smsIntegrations, phoneNumber: phoneNumbers })
    .from(smsIntegrations)
    .leftJoin(phoneNumbers, eq(phoneNumbers.id, smsIntegrations.phoneNumberId))
    .where(eq(smsIntegrations.id, id));
  return row ?? null;
}

/** Live (not deleted) integrations, for the inbox filter and the new-conversation form. */
export async function listLiveSmsIntegrations({ db }: { db: DbOrTx }): Promise<SmsIntegration[]> {
  return (await listEverySmsIntegration({ db })).filter((row) => !row.deletedAt);
}

/** Every integration there ever was, deleted ones too (their tickets stay), by name. */
export async function listEverySmsIntegration({ db }: { db: DbOrTx }): Promise<SmsIntegration[]> {
  return db.select().from(smsIntegrations).orderBy(smsIntegrations.name);
}
