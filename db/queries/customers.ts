import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { customers, optOuts, type Customer } from "../schema";

/** Finds the customer with this number, creating them if new; safe under concurrent first messages. */
export async function findOrCreateCustomer({ db, phoneE164, country }: { db: DbOrTx; phoneE164: string; country: string | null }): Promise<{ customer: Customer; created: boolean }> {
  // Most messages come from customers already known: look first, insert only when new.
  const [known] = await db.select().from(customers).where(eq(customers.phoneE164, phoneE164));
  if (known) return { customer: known, created: false };
  const [inserted] = await db.insert(customers).values({ phoneE164, country }).onConflictDoNothing().returning();
  if (inserted) return { customer: inserted, created: true };
  // Another message from the same new customer inserted them a moment ago.
  const [existing] = await db.select().from(customers).where(eq(customers.phoneE164, phoneE164));
  if (!existing) throw new Error("customer vanished between insert and select");
  return { customer: existing, created: false };
}

export async function setOptOut({
  db,
  customerId,
  businessE164,
  optedOut,
  keyword,
}: {
  db: DbOrTx;
  customerId: string;
  businessE164: string;
  optedOut: boolean;
  keyword: string;
}): Promise<void> {
  const changedAt = new Date();
  await db
    .insert(optOuts)
    .values({ customerId, businessE164, optedOut, keyword, changedAt })
    .onConflictDoUpdate({ target: [optOuts.customerId, optOuts.businessE164], set: { optedOut, keyword, changedAt } });
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
