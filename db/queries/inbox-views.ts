// Kept apart from tickets.ts so the browser can import the list without the database layer:
// the one file in db/ that is not server-only, and it holds nothing but these lists.
export const INBOX_VIEWS = ["open", "mine", "unassigned", "snoozed", "overdue", "closed", "all"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/** How a list is ordered: latest activity first, or the customer who has waited longest first. */
export const INBOX_SORTS = ["recent", "waiting"] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
