import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { drafts, type Draft, type DraftKind } from "../schema";

/** This agent's drafts on one ticket (a reply, a note, both or none). */
export async function listDrafts({ db, userId, ticketId }: { db: DbOrTx; userId: string; ticketId: string }): Promise<Draft[]> {
  return db
    .select()
    .from(drafts)
    .where(and(eq(drafts.userId, userId), eq(drafts.ticketId, ticketId)));
}

/** Keeps the latest text; the basis stays the one the draft began with unless a new one is given. */
export async function saveDraft({
  db,
  userId,
  ticketId,
  kind,
  body,
  basisMessageId,
}: {
  db: DbOrTx;
  userId: string;
  ticketId: string;
  kind: DraftKind;
  body: string;
  basisMessageId: string | null;
}): Promise<Draft> {
  const [row] = await db
    .insert(drafts)
    .values({ userId, ticketId, kind, body, basisMessageId })
    .onConflictDoUpdate({
      target: [drafts.userId, drafts.ticketId, drafts.kind],
      set: { body, basisMessageId: sql`coalesce(excluded.basis_message_id, ${drafts.basisMessageId})`, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

/**
 * Whether there was one to delete. With `sent`, only a draft of that text (or of its beginning,
 * saved while it was being typed) goes: one the agent began after pressing Send stays.
 */
export async function deleteDraft({ db, userId, ticketId, kind, sent }: { db: DbOrTx; userId: string; ticketId: string; kind: DraftKind; sent?: string }): Promise<boolean> {
  const rows = await db
    .delete(drafts)
    .where(and(eq(drafts.userId, userId), eq(drafts.ticketId, ticketId), eq(drafts.kind, kind), sent === undefined ? undefined : sql`starts_with(${sent}::text, ${drafts.body})`))
    .returning({ kind: drafts.kind });
  return rows.length > 0;
}
