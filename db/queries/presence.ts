import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";
import { ticketViewers } from "../schema";

/** A tab not heard from for this long has gone (closed, asleep, offline). */
export const VIEWER_EXPIRY_SECONDS = 25;
/** "Typing" lasts this long after the last keystroke was reported. */
export const TYPING_EXPIRY_SECONDS = 8;

export interface TicketViewer {
  userId: string;
  name: string;
  typing: boolean;
}

/**
 * Records that this tab has the ticket open (and whether its agent is typing a reply).
 * Returns whether others would see a difference: the tab is new or had expired, or typing
 * began or stopped.
 */
export async function touchViewer({ db, ticketId, userId, tabId, typing }: { db: DbOrTx; ticketId: string; userId: string; tabId: string; typing: boolean }): Promise<boolean> {
  const [row] = rowsOf<{ changed: boolean }>(
    await db.execute(sql`
      with previous as (
        select seen_at > now() - make_interval(secs => ${VIEWER_EXPIRY_SECONDS}) as alive,
               coalesce(typing_at > now() - make_interval(secs => ${TYPING_EXPIRY_SECONDS}), false) as was_typing
        from ${ticketViewers} where ticket_id = ${ticketId} and user_id = ${userId} and tab_id = ${tabId}
      ), upsert as (
        insert into ${ticketViewers} (ticket_id, user_id, tab_id, typing_at, seen_at)
        values (${ticketId}, ${userId}, ${tabId}, case when ${typing} then now() end, now())
        on conflict (ticket_id, user_id, tab_id) do update set seen_at = now(), typing_at = excluded.typing_at
        returning 1
      )
      select coalesce((select not alive or was_typing <> ${typing} from previous), true) as changed from upsert`),
  );
  return row?.changed ?? true;
}

/** The tab left the ticket; whether it was still there. */
export async function removeViewer({ db, ticketId, userId, tabId }: { db: DbOrTx; ticketId: string; userId: string; tabId: string }): Promise<boolean> {
  const rows = await db
    .delete(ticketViewers)
    .where(and(eq(ticketViewers.ticketId, ticketId), eq(ticketViewers.userId, userId), eq(ticketViewers.tabId, tabId)))
    .returning({ tabId: ticketViewers.tabId });
  return rows.length > 0;
}

/** Everyone but `exceptUserId` with the ticket open in a live tab, by name; typing if any of their tabs is. */
export async function listTicketViewers({ db, ticketId, exceptUserId }: { db: DbOrTx; ticketId: string; exceptUserId: string }): Promise<TicketViewer[]> {
  return rowsOf<TicketViewer>(
    await db.execute(sql`
      select v.user_id as "userId", u.name,
             bool_or(coalesce(v.typing_at > now() - make_interval(secs => ${TYPING_EXPIRY_SECONDS}), false)) as typing
      from ${ticketViewers} v join users u on u.id = v.user_id
      where v.ticket_id = ${ticketId} and v.user_id <> ${exceptUserId} and u.active
        and v.seen_at > now() - make_interval(secs => ${VIEWER_EXPIRY_SECONDS})
      group by v.user_id, u.name
      order by u.name`),
  );
}

/** Rows of tabs long gone; their tickets may never be opened again to replace them. */
export async function pruneViewers({ db }: { db: DbOrTx }): Promise<void> {
  await db.delete(ticketViewers).where(lt(ticketViewers.seenAt, sql`now() - interval '10 minutes'`));
}
