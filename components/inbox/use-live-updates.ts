"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { InboxEvent } from "@/lib/realtime/publish";
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
    default:
      return [];
  }
}

// Events come in bursts (a message, its ticket, its status): one refetch per burst is enough.
const COALESCE_MS = 120;

/**
 * Listens to /api/events and refetches what each event touched. On (re)connecting
 * everything is refetched, since events may have been missed meanwhile.
 */
export function useLiveUpdates(meId: string, onEvent?: (event: InboxEvent) => void): LiveState {
  const listener = useRef(onEvent);
  useEffect(() => {
    listener.current = onEvent;
  });
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => {
    const source = new EventSource("/api/events");
    const pending = new Map<string, QueryKey>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let connectedBefore = false;
    const flush = () => {
      timer = undefined;
      for (const [id, queryKey] of pending) {
        // A fetch under way (the agent's "Load more", an earlier refetch) is not cancelled:
        // the refetch waits for it, so neither the page asked for nor the update is lost.
        if (queryClient.isFetching({ queryKey }) > 0) continue;
        pending.delete(id);
        void queryClient.invalidateQueries({ queryKey });
      }
      if (pending.size > 0) timer = setTimeout(flush, COALESCE_MS);
    };
    const schedule = (keys: QueryKey[]) => {
      for (const key of keys) pending.set(JSON.stringify(key), key);
      timer ??= setTimeout(flush, COALESCE_MS);
    };
    // Whatever changed before the stream was listening (between the server's render and now,
    // or while disconnected) was never announced: refetch once, then follow the events.
    source.addEventListener("ready", () => {
      schedule([inboxKeys.all]);
      connectedBefore = true;
      setState("live");
    });
    source.addEventListener("inbox", (message) => {
      try {
        const event = JSON.parse((message as MessageEvent<string>).data) as InboxEvent;
        schedule(keysFor(event, meId));
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
