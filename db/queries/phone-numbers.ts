import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { phoneNumbers, smsIntegrations, type PhoneNumber } from "../schema";

export type NewPhoneNumber = typeof phoneNumbers.$inferInsert;

/** An owned number with the live SMS integration on it, if any. */
export type PhoneNumberWithIntegration = PhoneNumber & { integration: { id: string; name: string; status: "active" | "deactivated" } | null };

export async function listPhoneNumbers({ db }: { db: DbOrTx }): Promise<PhoneNumberWithIntegration[]> {
  const rows = await db
    .select({ number: phoneNumbers, integrationId: smsIntegrations.id, integrationName: smsIntegrations.name, integrationStatus: smsIntegrations.status })
    .from(phoneNumbers)
    .leftJoin(smsIntegrations, and(eq(smsIntegrations.phoneE164, phoneNumbers.e164), isNull(smsIntegrations.deletedAt)))
    .orderBy(asc(phoneNumbers.createdAt), asc(phoneNumbers.e164));
  return rows.map((row) => ({
    ...row.number,
    integration:
      row.integrationId && row.integrationName && row.integrationStatus
        ? { id: row.integrationId, name: row.integrationName, status: row.integrationStatus }
        : null,
  }));
}

export async function getPhoneNumber({ db, id }: { db: DbOrTx; id: string }): Promise<PhoneNumber | null> {
  const [row] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.id, id));
  return row ?? null;
}

export async function getPhoneNumberByE164({ db, e164 }: { db: DbOrTx; e164: string }): Promise<PhoneNumber | null> {
  const [row] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.e164, e164));
  return row ?? null;
}

export async function listOwnedE164s({ db, e164s }: { db: DbOrTx; e164s: string[] }): Promise<Set<string>> {
  if (e164s.length === 0) return new Set();
  const rows = await db.select({ e164: phoneNumbers.e164 }).from(phoneNumbers).where(inArray(phoneNumbers.e164, e164s));
  return new Set(rows.map((row) => row.e164));
}

/** Null when the number (or its Twilio SID) is already owned. */
export async function insertPhoneNumber({ db, phoneNumber }: { db: DbOrTx; phoneNumber: NewPhoneNumber }): Promise<PhoneNumber | null> {
  const [row] = await db.insert(phoneNumbers).values(phoneNumber).onConflictDoNothing().returning();
  return row ?? null;
}

/**
 * Deletes the number unless a live SMS integration uses it, in one statement so an
 * integration added meanwhile is never left pointing at a deleted number.
 */
export async function deletePhoneNumberIfUnused({ db, id }: { db: DbOrTx; id: string }): Promise<boolean> {
  const deleted = await db
    .delete(phoneNumbers)
    .where(
      and(
        eq(phoneNumbers.id, id),
        sql`not exists (select 1 from ${smsIntegrations} where ${smsIntegrations.phoneE164} = ${phoneNumbers.e164} and ${smsIntegrations.deletedAt} is null)`,
      ),
    )
    .returning({ id: phoneNumbers.id });
  return deleted.length > 0;
}
