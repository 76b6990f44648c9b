import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { inboxApi } from "./api";
import { inboxKeys } from "./query-keys";

/** A ticket's panel data: customer, integration, composer locks. */
export const ticketQuery = (ticketId: string) => queryOptions({ queryKey: inboxKeys.ticket(ticketId), queryFn: () => inboxApi.ticket(ticketId) });

/** A ticket's conversation: the latest page first, then earlier pages on demand. */
export const threadQuery = (ticketId: string) =>
  infiniteQueryOptions({
    queryKey: inboxKeys.thread(ticketId),
    queryFn: ({ pageParam }) => inboxApi.thread(ticketId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.earlierCursor,
  });

/** The agent's own reply and note drafts on a ticket. */
export const draftsQuery = (ticketId: string) => queryOptions({ queryKey: inboxKeys.drafts(ticketId), queryFn: () => inboxApi.drafts(ticketId) });
