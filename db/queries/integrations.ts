import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { events, smsIntegrations, tickets, type SmsIntegration } from "../schema";

const live = isNull(smsIntegrations.deletedAt);

export async function listIntegrations({ db }: { db: DbOrTx }): Promise<SmsIntegration[]> {
  return db.select().from(smsIntegrations).where(live).orderBy(desc(smsIntegrations.createdAt));
}

/** The integration, active or deactivated; null once deleted. */
export async function getIntegration({ db, id }: { db: DbOrTx; id: string }): Promise<SmsIntegration | null> {
  const [row] = await db.select().from(smsIntegrations).where(and(eq(smsIntegrations.id, id), live));
  return row ?? null;
}

/** The live integration on a business number (active or deactivated), for inbound and outbound SMS. */
export async function getIntegrationByNumber({ db, e164 }: { db: DbOrTx; e164: string }): Promise<SmsIntegration | null> {
  const [row] = await db.select().from(smsIntegrations).where(and(eq(smsIntegrations.phoneE164, e164), live));
  return row ?? null;
}

export type NewIntegration = Pick<typeof smsIntegrations.$inferInsert, "name" | "phoneNumberId" | "phoneE164">;

/**
 * Null when the number already has a live integration: the partial unique index
 * decides, so of two admins adding one at once exactly one wins.
 */
export async function insertIntegration({ db, integration }: { db: DbOrTx; integration: NewIntegration }): Promise<SmsIntegration | null> {
  const [row] = await db
    .insert(smsIntegrations)
    .values(integration)
    .onConflictDoNothing({ target: smsIntegrations.phoneE164, where: sql`${smsIntegrations.deletedAt} is null` })
    .returning();
  return row ?? null;
}

export async function updateIntegration({
  db,
  id,
  changes,
}: {
  db: DbOrTx;
  id: string;
  changes: Partial<Pick<SmsIntegration, "name" | "status" | "deactivatedReason" | "deactivatedAt" | "reopenWindowDays" | "maxMessageLength" | "messagingServiceSid" | "deletedAt">>;
}): Promise<SmsIntegration | null> {
  const [row] = await db
    .update(smsIntegrations)
    .set(changes)
    .where(and(eq(smsIntegrations.id, id), live))
    .returning();
  return row ?? null;
}

/**
 * Deactivates (with a reason) or reactivates; null when it was not in the `from` state,
 * so two admins clicking at once record one change and one set of ticket events.
 */
export async function changeIntegrationStatus({
  db,
  id,
  to,
  reason,
}: {
  db: DbOrTx;
  id: string;
  to: "active" | "deactivated";
  reason?: string;
}): Promise<SmsIntegration | null> {
  const from = to === "active" ? "deactivated" : "active";
  const changes =
    to === "active"
      ? { status: to, deactivatedReason: null, deactivatedAt: null }
      : { status: to, deactivatedReason: reason ?? null, deactivatedAt: new Date() };
  const [row] = await db
    .update(smsIntegrations)
    .set(changes)
    .where(and(eq(smsIntegrations.id, id), live, eq(smsIntegrations.status, from)))
    .returning();
  return row ?? null;
}

/** One timeline event on every open ticket of the integration, so agents see what happened to it. */
export async function recordEventOnOpenTickets({
  db,
  integrationId,
  type,
  actorId,
  data,
}: {
  db: DbOrTx;
  integrationId: string;
  type: string;
  actorId: string | null;
  data: Record<string, unknown>;
}): Promise<number> {
  const open = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.integrationId, integrationId), eq(tickets.status, "open")));
  if (open.length === 0) return 0;
  // Chunked: a statement may carry at most 65535 parameters.
  for (let start = 0; start < open.length; start += 1000) {
    const chunk = open.slice(start, start + 1000);
    await db.insert(events).values(chunk.map((ticket) => ({ ticketId: ticket.id, type, actorId, data })));
  }
  return open.length;
}
