import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { customers, optOuts, tickets, type Customer, type Ticket } from "../schema";

/** Finds the customer with this number, creating them if new; safe under concurrent first messages. */
export async function findOrCreateCustomer({ db, phoneE164, country }: { db: DbOrTx; phoneE164: string; country: string | null }): Promise<{ customer: Customer; created: boolean }> {
  const [inserted] = await db.insert(customers).values({ phoneE164, country }).onConflictDoNothing().returning();
  if (inserted) return { customer: inserted, created: true };
  const [existing] = await db.select().from(customers).where(eq(customers.phoneE164, phoneE164));
  if (!existing) throw new Error("customer vanished between insert and select");
  return { customer: existing, created: false };
}

/** A known customer and their open ticket on one integration, if they have one, in one query. */
export async function findCustomerWithOpenTicket({
  db,
  phoneE164,
  integrationId,
}: {
  db: DbOrTx;
  phoneE164: string;
  integrationId: string;
}): Promise<{ customer: Customer; openTicket: Ticket | null } | null> {
  const [row] = await db
    .select({ customer: customers, openTicket: tickets })
    .from(customers)
    .leftJoin(tickets, and(eq(tickets.customerId, customers.id), eq(tickets.integrationId, integrationId), eq(tickets.status, "open")))
    .where(eq(customers.phoneE164, phoneE164));
  return row ?? null;
}

/** Marks the customer opted out of messages from this business number. */
export async function setOptedOut({ db, customerId, businessE164, keyword }: { db: DbOrTx; customerId: string; businessE164: string; keyword: string }): Promise<void> {
  const changedAt = new Date();
  await db
    .insert(optOuts)
    .values({ customerId, businessE164, optedOut: true, keyword, changedAt })
    .onConflictDoUpdate({ target: [optOuts.customerId, optOuts.businessE164], set: { optedOut: true, keyword, changedAt } });
}

/**
 * Opts the customer back in, only if they are opted out of this business number now.
 * False when there was nothing to undo: a "Yes" from a subscribed customer is just a reply.
 */
export async function clearOptOut({ db, customerId, businessE164, keyword }: { db: DbOrTx; customerId: string; businessE164: string; keyword: string }): Promise<boolean> {
  const changed = await db
    .update(optOuts)
    .set({ optedOut: false, keyword, changedAt: new Date() })
    .where(and(eq(optOuts.customerId, customerId), eq(optOuts.businessE164, businessE164), eq(optOuts.optedOut, true)))
    .returning({ customerId: optOuts.customerId });
  return changed.length > 0;
}

export async function getOptOut({ db, customerId, businessE164 }: { db: DbOrTx; customerId: string; businessE164: string }) {
  const [row] = await db
    .select()
    .from(optOuts)
    .where(and(eq(optOuts.customerId, customerId), eq(optOuts.businessE164, businessE164)));
  return row ?? null;
}

export async function getCustomer({ db, id }: { db: DbOrTx; id: string }): Promise<Customer | null> {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  return row ?? null;
}

export async function updateCustomerName({ db, id, name }: { db: DbOrTx; id: string; name: string | null }): Promise<Customer | null> {
  const [row] = await db.update(customers).set({ name }).where(eq(customers.id, id)).returning();
  return row ?? null;
}
