// Kept apart from tickets.ts so the browser can import the list without the database layer.
import "server-only";
export const INBOX_VIEWS = ["open", "mine", "unassigned", "closed", "all"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
