import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { sandboxMedia } from "../schema";

export type SandboxMedia = typeof sandboxMedia.$inferSelect;
export type NewSandboxMedia = typeof sandboxMedia.$inferInsert;
/** A media row without its bytes, for lists. */
export type SandboxMediaInfo = Omit<SandboxMedia, "data">;

const infoColumns = {
  sid: sandboxMedia.sid,
  messageSid: sandboxMedia.messageSid,
  accountSid: sandboxMedia.accountSid,
  contentType: sandboxMedia.contentType,
  fileName: sandboxMedia.fileName,
  dateCreated: sandboxMedia.dateCreated,
  dateUpdated: sandboxMedia.dateUpdated,
};

export async function insertSandboxMedia({ db, media }: { db: DbOrTx; media: NewSandboxMedia[] }): Promise<void> {
  if (media.length > 0) await db.insert(sandboxMedia).values(media);
}

export async function listSandboxMedia({ db, messageSids }: { db: DbOrTx; messageSids: string[] }): Promise<SandboxMediaInfo[]> {
  if (messageSids.length === 0) return [];
  return db
    .select(infoColumns)
    .from(sandboxMedia)
    .where(inArray(sandboxMedia.messageSid, messageSids))
    .orderBy(asc(sandboxMedia.dateCreated), asc(sandboxMedia.sid));
}

export async function getSandboxMediaInfo({
  db,
  accountSid,
  messageSid,
  sid,
}: {
  db: DbOrTx;
  accountSid: string;
  messageSid: string;
  sid: string;
}): Promise<SandboxMediaInfo | null> {
  const [row] = await db
    .select(infoColumns)
    .from(sandboxMedia)
    .where(and(eq(sandboxMedia.sid, sid), eq(sandboxMedia.messageSid, messageSid), eq(sandboxMedia.accountSid, accountSid)));
  return row ?? null;
}

export async function getSandboxMediaContent({ db, sid }: { db: DbOrTx; sid: string }): Promise<SandboxMedia | null> {
  const [row] = await db.select().from(sandboxMedia).where(eq(sandboxMedia.sid, sid));
  return row ?? null;
}

export async function deleteSandboxMedia({ db, accountSid, messageSid, sid }: { db: DbOrTx; accountSid: string; messageSid: string; sid: string }): Promise<boolean> {
  const rows = await db
    .delete(sandboxMedia)
    .where(and(eq(sandboxMedia.sid, sid), eq(sandboxMedia.messageSid, messageSid), eq(sandboxMedia.accountSid, accountSid)))
    .returning({ sid: sandboxMedia.sid });
  return rows.length > 0;
}
