import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { sandboxMessagingServices, sandboxPhoneNumbers } from "../schema";
import type { SandboxPhoneNumber } from "./sandbox-numbers";

export type SandboxMessagingService = typeof sandboxMessagingServices.$inferSelect;

export async function listSandboxServices({ db, accountSid }: { db: DbOrTx; accountSid: string }): Promise<SandboxMessagingService[]> {
  return db
    .select()
    .from(sandboxMessagingServices)
    .where(eq(sandboxMessagingServices.accountSid, accountSid))
    .orderBy(asc(sandboxMessagingServices.dateCreated), asc(sandboxMessagingServices.sid));
}

export async function getSandboxService({ db, accountSid, sid }: { db: DbOrTx; accountSid: string; sid: string }): Promise<SandboxMessagingService | null> {
  const [row] = await db
    .select()
    .from(sandboxMessagingServices)
    .where(and(eq(sandboxMessagingServices.accountSid, accountSid), eq(sandboxMessagingServices.sid, sid)));
  return row ?? null;
}

export async function insertSandboxService({ db, service }: { db: DbOrTx; service: typeof sandboxMessagingServices.$inferInsert }): Promise<SandboxMessagingService> {
  const [row] = await db.insert(sandboxMessagingServices).values(service).returning();
  return row!;
}

export async function updateSandboxServiceCampaign({
  db,
  sid,
  campaignSid,
  campaignStatus,
}: {
  db: DbOrTx;
  sid: string;
  campaignSid: string | null;
  campaignStatus: string | null;
}): Promise<void> {
  await db.update(sandboxMessagingServices).set({ campaignSid, campaignStatus, dateUpdated: new Date() }).where(eq(sandboxMessagingServices.sid, sid));
}

/** The numbers in a Messaging Service, oldest first. */
export async function listSandboxServiceNumbers({ db, serviceSid }: { db: DbOrTx; serviceSid: string }): Promise<SandboxPhoneNumber[]> {
  return db
    .select()
    .from(sandboxPhoneNumbers)
    .where(eq(sandboxPhoneNumbers.messagingServiceSid, serviceSid))
    .orderBy(asc(sandboxPhoneNumbers.dateCreated), asc(sandboxPhoneNumbers.sid));
}

export async function setSandboxNumberRegistration({
  db,
  sid,
  changes,
}: {
  db: DbOrTx;
  sid: string;
  changes: Partial<Pick<SandboxPhoneNumber, "messagingServiceSid" | "tollfreeVerificationSid" | "tollfreeVerificationStatus">>;
}): Promise<void> {
  await db.update(sandboxPhoneNumbers).set({ ...changes, dateUpdated: new Date() }).where(eq(sandboxPhoneNumbers.sid, sid));
}

/** Toll-free numbers with a verification, optionally only the one of a number. */
export async function listSandboxTollfreeVerifications({ db, accountSid, numberSid }: { db: DbOrTx; accountSid: string; numberSid?: string }): Promise<SandboxPhoneNumber[]> {
  return db
    .select()
    .from(sandboxPhoneNumbers)
    .where(
      and(
        eq(sandboxPhoneNumbers.accountSid, accountSid),
        isNotNull(sandboxPhoneNumbers.tollfreeVerificationSid),
        numberSid ? eq(sandboxPhoneNumbers.sid, numberSid) : undefined,
      ),
    )
    .orderBy(asc(sandboxPhoneNumbers.dateCreated), asc(sandboxPhoneNumbers.sid));
}
