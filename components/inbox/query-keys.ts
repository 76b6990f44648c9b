import type { InboxFilters } from "@/lib/tickets/validation";

/** Every TanStack Query key of the inbox, so live updates can invalidate exactly what changed. */
export const inboxKeys = {
  all: ["inbox"] as const,
  lists: () => [...inboxKeys.all, "list"] as const,
  list: (filters: InboxFilters) => [...inboxKeys.lists(), { view: filters.view, integration: filters.integration ?? null, tag: filters.tag ?? null, q: filters.q ?? "", sort: filters.sort }] as const,
  counts: () => [...inboxKeys.all, "counts"] as const,
  countsFor: (integration: string | undefined, q?: string, tag?: string) => [...inboxKeys.counts(), integration ?? null, q ?? "", tag ?? null] as const,
  /** Tag names: the list's filter, and the header's suggestions for what was typed. */
  tags: () => [...inboxKeys.all, "tags"] as const,
  tagSuggestions: (query: string) => [...inboxKeys.tags(), query] as const,
  tickets: () => [...inboxKeys.all, "ticket"] as const,
  ticket: (ticketId: string) => [...inboxKeys.tickets(), ticketId] as const,
  threads: () => [...inboxKeys.all, "thread"] as const,
  thread: (ticketId: string) => [...inboxKeys.threads(), ticketId] as const,
  /**
   * Outside "inbox" on purpose: a refetch of everything (on reconnecting) must not overwrite
   * what the agent typed since with the server's older copy.
   */
  drafts: (ticketId: string) => ["drafts", ticketId] as const,
  presenceAll: () => [...inboxKeys.all, "presence"] as const,
  presence: (ticketId: string) => [...inboxKeys.presenceAll(), ticketId] as const,
  savedReplies: () => [...inboxKeys.all, "saved-replies"] as const,
  bulkStep: (stepId: string) => [...inboxKeys.all, "bulk-step", stepId] as const,
  notificationSettings: () => [...inboxKeys.all, "notification-settings"] as const,
};
