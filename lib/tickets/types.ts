// The shapes of the inbox that pages and components use. They are what the queries in
// db/queries return (db/ imports nothing from lib/), named here so that components depend
// on lib/, never on the data layer.
export type { ArrivedMessage, AttachmentMeta, ThreadMessage } from "@/db/queries/messages";
export type { CustomerTicketSummary, InboxCounts, InboxView } from "@/db/queries/tickets";
