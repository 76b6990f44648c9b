"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { inboxApi } from "./api";
import { inboxKeys } from "./query-keys";

/** Ticket actions; each refreshes what it changed (live updates refresh other browsers). */
export function useTicketMutations(ticketId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: inboxKeys.ticket(ticketId) }),
      queryClient.invalidateQueries({ queryKey: inboxKeys.thread(ticketId) }),
      queryClient.invalidateQueries({ queryKey: inboxKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: inboxKeys.counts() }),
    ]);
  const act = useMutation({
    mutationFn: (action: Parameters<typeof inboxApi.act>[1]) => inboxApi.act(ticketId, action),
    onSettled: refresh,
  });
  const retryMessage = useMutation({ mutationFn: (messageId: string) => inboxApi.retryMessage(messageId), onSettled: refresh });
  const retryAttachment = useMutation({ mutationFn: (attachmentId: string) => inboxApi.retryAttachment(attachmentId), onSettled: refresh });
  return { act, retryMessage, retryAttachment, refresh };
}
