import type { DbOrTx } from "@/db/client";
import { decodeCursor } from "@/db/queries/cursor";
import { countInboxTickets, listInboxTickets, type InboxCounts, type InboxPage } from "@/db/queries/tickets";
import { AppError } from "@/lib/errors";
import { parseInboxSearch } from "./search";
import type { InboxFilters } from "./validation";

export const INBOX_PAGE_SIZE = 50;

export async function loadInboxPage({
  db,
  userId,
  filters,
  cursor,
  limit = INBOX_PAGE_SIZE,
}: {
  db: DbOrTx;
  userId: string;
  filters: InboxFilters;
  cursor?: string | null;
  limit?: number;
}): Promise<InboxPage> {
  const keyset = cursor ? decodeCursor(cursor) : null;
  if (cursor && !keyset) throw new AppError("bad_request", "That page of the inbox does not exist. Reload the inbox.");
  return listInboxTickets({
    db,
    view: filters.view,
    userId,
    integrationId: filters.integration,
    search: parseInboxSearch(filters.q),
    cursor: keyset,
    limit,
  });
}

export function loadInboxCounts({ db, userId, integrationId }: { db: DbOrTx; userId: string; integrationId?: string }): Promise<InboxCounts> {
  return countInboxTickets({ db, userId, integrationId });
}
