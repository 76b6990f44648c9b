import type { DbOrTx } from "@/db/client";
import { decodeCursor } from "@/db/queries/cursor";
import { countInboxTickets, listInboxTickets, type InboxCounts, type InboxTicket } from "@/db/queries/tickets";
import { AppError } from "@/lib/errors";
import { customerLabel } from "@/lib/outbound/eligibility";
import { countryFlag, countryName, formatPhoneNumber } from "@/lib/phone/normalize";
import { CLOSED_COUNT_CAP } from "./counts";
import { overdueSinceNow } from "./response-target";
import { parseSearchQuery } from "./search";
import type { InboxFilters } from "./validation";

export const INBOX_PAGE_SIZE = 50;

/** How the browser shows a customer, worked out on the server so the phone library stays off the page. */
export interface CustomerDisplay {
  label: string;
  phoneDisplay: string;
  flag: string;
  countryName: string | null;
}

export function displayCustomer(customer: { name: string | null; phoneE164: string; country: string | null }): CustomerDisplay {
  return {
    label: customerLabel(customer),
    phoneDisplay: formatPhoneNumber(customer.phoneE164),
    flag: countryFlag(customer.country),
    countryName: customer.country ? countryName(customer.country) : null,
  };
}

export type InboxItem = Omit<InboxTicket, "customer"> & { customer: InboxTicket["customer"] & CustomerDisplay };

export interface InboxListPage {
  tickets: InboxItem[];
  nextCursor: string | null;
  /** Filters in the search the inbox did not understand, searched as plain words instead. */
  ignored: string[];
}

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
}): Promise<InboxListPage> {
  const keyset = cursor ? decodeCursor(cursor) : null;
  if (cursor && !keyset) throw new AppError("bad_request", "That page of the inbox does not exist. Reload the inbox.");
  const { search, ignored } = parseSearchQuery(filters.q);
  const since = filters.view === "overdue" ? await overdueSinceNow({ db }) : null;
  const page = await listInboxTickets({
    db,
    view: filters.view,
    userId,
    integrationId: filters.integration,
    tag: filters.tag,
    search,
    cursor: keyset,
    limit,
    sort: filters.sort,
    overdueSince: since,
  });
  return {
    tickets: page.tickets.map((ticket) => ({ ...ticket, customer: { ...ticket.customer, ...displayCustomer(ticket.customer) } })),
    nextCursor: page.nextCursor,
    ignored,
  };
}

/** Tickets per view, of one integration and with one tag when given; with `q`, what that search finds in each view. */
export async function loadInboxCounts({ db, userId, integrationId, tag, q }: { db: DbOrTx; userId: string; integrationId?: string; tag?: string; q?: string }): Promise<InboxCounts> {
  const search = q ? parseSearchQuery(q).search : undefined;
  return countInboxTickets({ db, userId, integrationId, tag, search, closedCountCap: CLOSED_COUNT_CAP, overdueSince: await overdueSinceNow({ db }) });
}
