"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import type { BusinessHours } from "@/lib/rules/business-hours";
import type { AgentOption } from "@/lib/tickets/options";
import type { TicketDrafts } from "@/lib/drafts/validation";
import type { ThreadSlice, TicketView } from "@/lib/tickets/view";
import { FormMessage } from "@/components/ui/field";
import { inboxApi } from "./api";
import { Composer, type ComposerHandle } from "./composer";
import { CustomerPanel } from "./customer-panel";
import { draftsQuery, threadQuery, ticketQuery } from "./queries";
import { inboxKeys } from "./query-keys";
import { Thread } from "./thread";
import { TicketHeader } from "./ticket-header";
import { useTicketPresence } from "./use-presence";
import type { ClosedTicket } from "./use-close-undo";
import { useTicketMutations } from "./use-ticket-mutations";

export interface TicketPaneHandle {
  focusComposer: (mode: "reply" | "note") => void;
  close: () => void;
  snooze: () => void;
}

interface Props {
  ref: Ref<TicketPaneHandle>;
  ticketId: string;
  me: { id: string; name: string };
  agents: AgentOption[];
  initial: { view: TicketView; thread: ThreadSlice; drafts: TicketDrafts } | null;
  hrefFor: (ticketId: string | null) => string;
  openTicket: (ticketId: string | null) => void;
  /** Closing goes through the inbox, which offers Undo. */
  onClose: (ticket: ClosedTicket) => void;
  closing: boolean;
  /** Where snooze times such as "tomorrow" begin. */
  hours: BusinessHours | null;
}

export function TicketPane({ ref, ticketId, me, agents, initial, hrefFor, openTicket, onClose, closing, hours }: Props) {
  const composer = useRef<ComposerHandle>(null);
  const [customerPanelOpen, setCustomerPanelOpen] = useState(false);
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const view = useQuery({ ...ticketQuery(ticketId), initialData: initial?.view });
  const thread = useInfiniteQuery({ ...threadQuery(ticketId), initialData: initial ? { pages: [initial.thread], pageParams: [null] } : undefined });
  const drafts = useQuery({ ...draftsQuery(ticketId), initialData: initial?.drafts });
  // r or n pressed while the draft was still loading: the composer takes the focus when it appears.
  const [focusOnMount, setFocusOnMount] = useState<"reply" | "note" | null>(null);
  const presence = useTicketPresence(ticketId);
  const mutations = useTicketMutations(ticketId);
  const latestMessageId = thread.data?.pages[0]?.messages.at(-1)?.id ?? null;
  const ticket = view.data?.ticket;

  // Opening a ticket reads it, for me: the bold and the counts go. A message arriving while
  // it is open is read too, once the tab is in view.
  const queryClient = useQueryClient();
  const { mutate: markRead } = useMutation({
    mutationFn: () => inboxApi.act(ticketId, { action: "read" }),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: inboxKeys.lists() }), queryClient.invalidateQueries({ queryKey: inboxKeys.counts() }), queryClient.invalidateQueries({ queryKey: inboxKeys.ticket(ticketId) })]),
  });
  const unread = ticket?.unread;
  useEffect(() => {
    if (!unread) return;
    if (document.visibilityState === "visible") {
      markRead();
      return;
    }
    const onVisible = () => {
      if (document.visibilityState === "visible") markRead();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [unread, markRead]);

  const close = () => {
    if (view.data?.ticket.status === "open" && !closing) onClose({ ticketId, customerLabel: view.data.customer.label, assigneeId: view.data.ticket.assigneeId });
  };
  useImperativeHandle(ref, () => ({
    focusComposer: (mode) => (composer.current ? composer.current.focus(mode) : setFocusOnMount(mode)),
    close,
    snooze: () => {
      if (view.data?.ticket.status === "open") setSnoozeOpen(true);
    },
  }));

  if (view.isError) {
    return (
      <div className="m-auto max-w-sm p-8 text-center">
        <FormMessage message={view.error.message} />
        <button type="button" className="mt-4 text-sm text-brand-700 underline" onClick={() => openTicket(null)}>
          Back to the inbox
        </button>
      </div>
    );
  }
  if (!view.data) {
    return <p className="m-auto text-sm text-slate-500">Loading the conversation…</p>;
  }
  const data = view.data;
  return (
    <div className="flex min-h-0 flex-1">
      <section className="flex min-w-0 flex-1 flex-col" aria-label={`Conversation with ${data.customer.label}`}>
        <TicketHeader
          view={data}
          me={me}
          agents={agents}
          act={mutations.act}
          viewers={presence.viewers}
          onClose={close}
          closing={closing}
          customerPanelOpen={customerPanelOpen}
          onToggleCustomerPanel={() => setCustomerPanelOpen((shown) => !shown)}
          listHref={hrefFor(null)}
          onBackToList={() => openTicket(null)}
          snooze={{ hours, open: snoozeOpen, setOpen: setSnoozeOpen }}
        />
        <Thread
          ticketId={ticketId}
          customerLabel={data.customer.label}
          thread={thread}
          onRetryMessage={(id) => mutations.retryMessage.mutate(id)}
          onRetryAttachment={(id) => mutations.retryAttachment.mutate(id)}
          retryError={mutations.retryMessage.error?.message ?? mutations.retryAttachment.error?.message ?? null}
        />
        {drafts.data ? (
          <Composer
            ref={composer}
            view={data}
            drafts={drafts.data}
            latestMessageId={latestMessageId}
            onSent={mutations.refresh}
            onTyping={presence.typing}
            hrefFor={hrefFor}
            openTicket={openTicket}
            focusOnMount={focusOnMount}
          />
        ) : (
          <p className="border-t border-slate-200 bg-white p-4 text-sm text-slate-500" role="status">
            {drafts.isError ? `Your draft could not be loaded: ${drafts.error.message} Reload the page to try again.` : "Loading your draft…"}
          </p>
        )}
      </section>
      <CustomerPanel view={data} hrefFor={hrefFor} openTicket={openTicket} open={customerPanelOpen} onClose={() => setCustomerPanelOpen(false)} />
    </div>
  );
}
