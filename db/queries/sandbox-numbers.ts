import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { sandboxPhoneNumbers } from "../schema";

export type SandboxPhoneNumber = typeof sandboxPhoneNumbers.$inferSelect;
export type NewSandboxPhoneNumber = typeof sandboxPhoneNumbers.$inferInsert;
export type SandboxNumberChanges = Partial<
  Pick<
    SandboxPhoneNumber,
    "friendlyName" | "smsUrl" | "smsMethod" | "smsFallbackUrl" | "smsFallbackMethod" | "statusCallback" | "statusCallbackMethod"
  >
>;

export async function listSandboxNumbers({ db, accountSid }: { db: DbOrTx; accountSid: string }): Promise<SandboxPhoneNumber[]> {
  return db
    .select()
    .from(sandboxPhoneNumbers)
    .where(eq(sandboxPhoneNumbers.accountSid, accountSid))
    .orderBy(asc(sandboxPhoneNumbers.dateCreated), asc(sandboxPhoneNumbers.sid));
}

/** Every number any sandbox account owns: none of them is for sale. */
export async function listOwnedSandboxPhoneNumbers({ db }: { db: DbOrTx }): Promise<Set<string>> {
  const rows = await db.select({ phoneNumber: sandboxPhoneNumbers.phoneNumber }).from(sandboxPhoneNumbers);
  return new Set(rows.map((row) => row.phoneNumber));
}

export async function getSandboxNumber({ db, accountSid, sid }: { db: DbOrTx; accountSid: string; sid: string }): Promise<SandboxPhoneNumber | null> {
  const [row] = await db
    .select()
    .from(sandboxPhoneNumbers)
    .where(and(eq(sandboxPhoneNumbers.accountSid, accountSid), eq(sandboxPhoneNumbers.sid, sid)));
  return row ?? null;
}

export async function getSandboxNumberByPhone({ db, phoneNumber }: { db: DbOrTx; phoneNumber: string }): Promise<SandboxPhoneNumber | null> {
  const [row] = await db.select().from(sandboxPhoneNumbers).where(eq(sandboxPhoneNumbers.phoneNumber, phoneNumber));
  return row ?? null;
}

/** Null when the number is already owned: two buyers racing for one number cannot both get it. */
export async function insertSandboxNumber({ db, number }: { db: DbOrTx; number: NewSandboxPhoneNumber }): Promise<SandboxPhoneNumber | null> {
  const [row] = await db.insert(sandboxPhoneNumbers).values(number).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateSandboxNumber({
  db,
  accountSid,
  sid,
  changes,
}: {
  db: DbOrTx;
  accountSid: string;
  sid: string;
  changes: SandboxNumberChanges;
}): Promise<SandboxPhoneNumber | null> {
  const [row] = await db
    .update(sandboxPhoneNumbers)
    .set({ ...changes, dateUpdated: new Date() })
    .where(and(eq(sandboxPhoneNumbers.accountSid, accountSid), eq(sandboxPhoneNumbers.sid, sid)))
    .returning();
  return row ?? null;
}

export async function deleteSandboxNumber({ db, accountSid, sid }: { db: DbOrTx; accountSid: string; sid: string }): Promise<boolean> {
  const rows = await db
    .delete(sandboxPhoneNumbers)
    .where(and(eq(sandboxPhoneNumbers.accountSid, accountSid), eq(sandboxPhoneNumbers.sid, sid)))
    .returning({ sid: sandboxPhoneNumbers.sid });
  return rows.length > 0;
}
