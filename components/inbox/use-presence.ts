"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { TicketViewer } from "@/lib/presence/types";
import { PRESENCE_HEARTBEAT_MS } from "@/lib/presence/validation";
import { inboxApi } from "./api";
import { inboxKeys } from "./query-keys";

let tab: string | null = null;
/** This page load's id: one agent may have a ticket open in several tabs. */
function tabId(): string {
  tab ??= crypto.randomUUID();
  return tab;
}

// Typing stops showing this long after the last keystroke; while typing, reported at most this often.
const TYPING_IDLE_MS = 5_000;
const TYPING_REPORT_MS = 4_000;

/**
 * This tab's presence on a ticket: a heartbeat every 10 s (and on every presence event, which
 * refetches it) answered with who else is here; typing is reported as it starts and stops.
 * Leaving the ticket or the page says so at once; a tab that just vanishes expires on the server.
 */
export function useTicketPresence(ticketId: string): { viewers: TicketViewer[]; typing: (active: boolean) => void } {
  const queryClient = useQueryClient();
  const typingState = useRef({ active: false, reportedAt: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });
  const viewers = useQuery({
    queryKey: inboxKeys.presence(ticketId),
    queryFn: () => inboxApi.presence(ticketId, { tabId: tabId(), state: typingState.current.active ? "typing" : "viewing" }),
    refetchInterval: PRESENCE_HEARTBEAT_MS,
    refetchIntervalInBackground: true,
    retry: false,
  });

  function report(active: boolean) {
    const current = typingState.current;
    current.active = active;
    current.reportedAt = Date.now();
    void inboxApi
      .presence(ticketId, { tabId: tabId(), state: active ? "typing" : "viewing" })
      .then((answer) => queryClient.setQueryData(inboxKeys.presence(ticketId), answer))
      .catch(() => {});
  }

  function typing(active: boolean) {
    const current = typingState.current;
    clearTimeout(current.idle);
    if (!active) {
      if (current.active) report(false);
      return;
    }
    if (!current.active || Date.now() - current.reportedAt > TYPING_REPORT_MS) report(true);
    current.idle = setTimeout(() => report(false), TYPING_IDLE_MS);
  }

  useEffect(() => {
    const leave = () => void inboxApi.presence(ticketId, { tabId: tabId(), state: "left" }, true).catch(() => {});
    const back = (event: PageTransitionEvent) => {
      if (event.persisted) void queryClient.invalidateQueries({ queryKey: inboxKeys.presence(ticketId) });
    };
    const current = typingState.current;
    window.addEventListener("pagehide", leave);
    window.addEventListener("pageshow", back);
    return () => {
      clearTimeout(current.idle);
      window.removeEventListener("pagehide", leave);
      window.removeEventListener("pageshow", back);
      leave();
    };
  }, [ticketId, queryClient]);

  return { viewers: viewers.data?.viewers ?? [], typing };
}
