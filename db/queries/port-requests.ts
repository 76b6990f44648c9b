import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { portRequests, type PortRequest } from "../schema";

export type NewPortRequest = Omit<typeof portRequests.$inferInsert, "id" | "status" | "createdAt" | "updatedAt">;

const OPEN_STATUSES = ["submitted", "in_progress"] as const;

export async function listPortRequests({ db }: { db: DbOrTx }): Promise<PortRequest[]> {
  return db.select().from(portRequests).orderBy(desc(portRequests.createdAt));
}

export async function getPortRequest({ db, id }: { db: DbOrTx; id: string }): Promise<PortRequest | null> {
  const [row] = await db.select().from(portRequests).where(eq(portRequests.id, id));
  return row ?? null;
}

export async function getOpenPortRequestForNumber({ db, e164 }: { db: DbOrTx; e164: string }): Promise<PortRequest | null> {
  const [row] = await db
    .select()
    .from(portRequests)
    .where(and(eq(portRequests.e164, e164), inArray(portRequests.status, [...OPEN_STATUSES])));
  return row ?? null;
}

export async function insertPortRequest({ db, request }: { db: DbOrTx; request: NewPortRequest }): Promise<PortRequest> {
  const [row] = await db.insert(portRequests).values(request).returning();
  if (!row) throw new Error("insert into port_requests returned nothing");
  return row;
}

/**
 * Moves an open request to its outcome. Null when it was no longer open, so two
 * clicks (or a click and the carrier) cannot both complete it.
 */
export async function closePortRequest({
  db,
  id,
  outcome,
}: {
  db: DbOrTx;
  id: string;
  outcome: { status: "completed"; phoneNumberId: string } | { status: "rejected"; rejectionReason: string };
}): Promise<PortRequest | null> {
  const [row] = await db
    .update(portRequests)
    .set({ ...outcome, updatedAt: new Date() })
    .where(and(eq(portRequests.id, id), inArray(portRequests.status, [...OPEN_STATUSES])))
    .returning();
  return row ?? null;
}

/** submitted → in_progress; null when the request was not waiting to start. */
export async function startPortRequest({ db, id }: { db: DbOrTx; id: string }): Promise<PortRequest | null> {
  const [row] = await db
    .update(portRequests)
    .set({ status: "in_progress", updatedAt: new Date() })
    .where(and(eq(portRequests.id, id), eq(portRequests.status, "submitted")))
    .returning();
  return row ?? null;
}

export async function listOpenPortRequests({ db }: { db: DbOrTx }): Promise<PortRequest[]> {
  return db.select().from(portRequests).where(inArray(portRequests.status, [...OPEN_STATUSES]));
}
