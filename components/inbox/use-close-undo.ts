"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { inboxApi } from "./api";
import { inboxKeys } from "./query-keys";

/** What closing changed, so Undo can put it back. */
export interface ClosedTicket {
  ticketId: string;
  customerLabel: string;
  assigneeId: string | null;
}

/**
 * Closing a ticket, by key or by button, and its Undo. Held by the inbox rather than the
 * open ticket, so moving on to the next ticket right away keeps Undo on offer.
 */
export function useCloseWithUndo() {
  const queryClient = useQueryClient();
  const [closed, setClosed] = useState<ClosedTicket | null>(null);
  const refresh = (ticketId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: inboxKeys.ticket(ticketId) }),
      queryClient.invalidateQueries({ queryKey: inboxKeys.thread(ticketId) }),
      queryClient.invalidateQueries({ queryKey: inboxKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: inboxKeys.counts() }),
    ]);
  const close = useMutation({
    mutationFn: (ticket: ClosedTicket) => inboxApi.act(ticket.ticketId, { action: "close" }),
    onMutate: () => restore.reset(),
    onSuccess: (_, ticket) => setClosed(ticket),
    onSettled: (_, __, ticket) => refresh(ticket.ticketId),
  });
  const restore = useMutation({
    mutationFn: (ticket: ClosedTicket) => inboxApi.act(ticket.ticketId, { action: "restore", assigneeId: ticket.assigneeId }),
    onSuccess: () => setClosed(null),
    onSettled: (_, __, ticket) => refresh(ticket.ticketId),
  });
  return {
    /** The ticket whose close can be undone now, if any. */
    closed,
    closing: close.isPending,
    closeError: close.error?.message ?? null,
    close: (ticket: ClosedTicket) => close.mutate(ticket),
    undo: () => {
      if (closed && !restore.isPending) restore.mutate(closed);
    },
    undoing: restore.isPending,
    undoError: restore.error?.message ?? null,
    dismiss: () => {
      setClosed(null);
      close.reset();
      restore.reset();
    },
  };
}
