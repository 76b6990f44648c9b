import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { customers, type Customer } from "../schema";

export async function getCustomer({ db, id }: { db: DbOrTx; id: string }): Promise<Customer | null> {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  return row ?? null;
}

/** The customer with this number, created if new; concurrent callers end up with the same row. */
export async function findOrCreateCustomer({ db, phoneE164, country }: { db: DbOrTx; phoneE164: string; country: string | null }): Promise<Customer> {
  const [inserted] = await db.insert(customers).values({ phoneE164, country }).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(customers).where(eq(customers.phoneE164, phoneE164));
  if (!existing) throw new Error("customer vanished between insert and select");
  return existing;
}

export async function updateCustomerName({ db, id, name }: { db: DbOrTx; id: string; name: string | null }): Promise<Customer | null> {
  const [row] = await db.update(customers).set({ name }).where(eq(customers.id, id)).returning();
  return row ?? null;
}
