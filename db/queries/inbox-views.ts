// Kept apart from tickets.ts so the browser can import the list without the database layer:
// the one file in db/ that is not server-only, and it holds nothing but this list.
export const INBOX_VIEWS = ["open", "mine", "unassigned", "closed", "all"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
