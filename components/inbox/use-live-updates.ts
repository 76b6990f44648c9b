"use client";

import { useQueryClient, type InvalidateQueryFilters, type QueryKey } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { InboxEvent } from "@/lib/realtime/publish";
import type { TicketView } from "@/lib/tickets/view";
import { inboxKeys } from "./query-keys";

export type LiveState = "connecting" | "live" | "reconnecting";

function keysFor(event: InboxEvent, meId: string): QueryKey[] {
  switch (event.type) {
    case "ticket.created":
      return [inboxKeys.lists(), inboxKeys.counts()];
    case "ticket.updated":
    case "ticket.assigned":
      return [inboxKeys.lists(), inboxKeys.counts(), inboxKeys.ticket(event.ticketId), inboxKeys.thread(event.ticketId)];
    case "ticket.read":
      // Read in another tab of mine: my counts and bold rows change; nobody else's do.
      return event.userId === meId ? [inboxKeys.lists(), inboxKeys.counts(), inboxKeys.ticket(event.ticketId)] : [];
    case "message.created":
      // A customer's message can change the ticket too: STOP locks the composer, START unlocks
      // it; and it makes the ticket unread.
      return [inboxKeys.thread(event.ticketId), inboxKeys.ticket(event.ticketId), inboxKeys.lists(), ...(event.fromCustomer ? [inboxKeys.counts()] : [])];
    case "message.updated":
      return [inboxKeys.thread(event.ticketId)];
    case "customer.updated":
      return [inboxKeys.lists(), inboxKeys.tickets()];
    case "tags.changed":
      return [inboxKeys.lists(), inboxKeys.counts(), inboxKeys.tickets(), inboxKeys.tags()];
    case "presence.changed":
      return [inboxKeys.presence(event.ticketId)];
    case "bulk.progress":
      // A batch changed many tickets at once: whatever shows tickets refetches, once per burst.
      return [inboxKeys.lists(), inboxKeys.counts(), inboxKeys.tickets(), inboxKeys.threads(), inboxKeys.bulkStep(event.stepId)];
    default:
      return [];
  }
}

/** The open tickets of the same customer, whose "Other tickets" list this one. */
function customerFilters(event: InboxEvent): [string, InvalidateQueryFilters][] {
  if ((event.type !== "ticket.created" && event.type !== "ticket.updated") || !event.customerId) return [];
  const customerId = event.customerId;
  return [
    [`customer:${customerId}:${event.ticketId}`, {
      queryKey: inboxKeys.tickets(),
      predicate: (query) => (query.state.data as TicketView | undefined)?.customer.id === customerId && query.queryKey[2] !== event.ticketId,
    }],
  ];
}

/** What "ready" says: anything but a clear "nothing missed" counts as missed. */
function missedSincePage(data: string): boolean {
  try {
    return (JSON.parse(data) as { missed?: unknown }).missed !== false;
  } catch {
    return true;
  }
}

// Events come in bursts (a message, its ticket, its status): one refetch per burst is enough.
const COALESCE_MS = 120;

/**
 * Listens to /api/events and refetches what each event touched. On (re)connecting
 * everything is refetched, since events may have been missed meanwhile; on first connecting,
 * only if the server says an event came in after the page's data was read (`mark`), so a page
 * load does not ask for everything it was just rendered with.
 */
export function useLiveUpdates(meId: string, onEvent?: (event: InboxEvent) => void, mark?: string | null): LiveState {
  const listener = useRef(onEvent);
  // The page's own mark: later renders bring newer ones, but the stream compares the first.
  const pageMark = useRef(mark);
  useEffect(() => {
    listener.current = onEvent;
  });
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => {
    const source = new EventSource(pageMark.current ? `/api/events?since=${encodeURIComponent(pageMark.current)}` : "/api/events");
    const pending = new Map<string, InvalidateQueryFilters>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let connectedBefore = false;
    const flush = () => {
      timer = undefined;
      for (const [id, filters] of pending) {
        // A fetch under way (the agent's "Load more", an earlier refetch) is not cancelled:
        // the refetch waits for it, so neither the page asked for nor the update is lost.
        if (queryClient.isFetching(filters) > 0) continue;
        pending.delete(id);
        void queryClient.invalidateQueries(filters);
      }
      if (pending.size > 0) timer = setTimeout(flush, COALESCE_MS);
    };
    const schedule = (keys: QueryKey[], filters: [string, InvalidateQueryFilters][] = []) => {
      for (const queryKey of keys) pending.set(JSON.stringify(queryKey), { queryKey });
      for (const [id, filter] of filters) pending.set(id, filter);
      timer ??= setTimeout(flush, COALESCE_MS);
    };
    // Whatever changed before the stream was listening (between the server's render and now,
    // or while disconnected) was never announced: refetch once, then follow the events.
    source.addEventListener("ready", (message) => {
      // Who is on a ticket is not part of the page, nor of its mark: asked for again either way.
      schedule(connectedBefore || missedSincePage((message as MessageEvent<string>).data) ? [inboxKeys.all] : [inboxKeys.presenceAll()]);
      connectedBefore = true;
      setState("live");
    });
    source.addEventListener("inbox", (message) => {
      try {
        const event = JSON.parse((message as MessageEvent<string>).data) as InboxEvent;
        schedule(keysFor(event, meId), customerFilters(event));
        listener.current?.(event);
      } catch {
        schedule([inboxKeys.all]);
      }
    });
    source.addEventListener("error", () => setState(connectedBefore ? "reconnecting" : "connecting"));
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [queryClient, meId]);
  return state;
}
