"use client";

import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { InboxCounts } from "@/lib/tickets/types";
import type { TicketDrafts } from "@/lib/drafts/validation";
import type { InboxListPage } from "@/lib/tickets/inbox";
import type { AgentOption, IntegrationOption } from "@/lib/tickets/options";
import type { InboxFilters } from "@/lib/tickets/validation";
import type { WaitingClock } from "@/lib/tickets/waiting";
import type { ThreadSlice, TicketView } from "@/lib/tickets/view";
import { UndoToast } from "@/components/ui/undo-toast";
import { inboxApi } from "./api";
import { countLabel, InboxSidebar } from "./inbox-sidebar";
import { KeyboardHelp } from "./keyboard-help";
import { draftsQuery, threadQuery, ticketQuery } from "./queries";
import { inboxKeys } from "./query-keys";
import { SelectionToolbar } from "./selection-toolbar";
import { TicketPane, type TicketPaneHandle } from "./ticket-pane";
import { useBulkStep } from "./use-bulk-step";
import { useCloseWithUndo } from "./use-close-undo";
import { useInboxNavigation } from "./use-inbox-navigation";
import { useTicketSelection } from "./use-selection";
import { useLiveUpdates } from "./use-live-updates";
import { useNotifications } from "./use-notifications";
import { useUnreadBadge } from "./use-unread-badge";
import { useInboxShortcuts } from "./use-shortcuts";

export interface InboxScreenProps {
  me: { id: string; name: string };
  /** Where the live events stood when the page's data was read (readInboxMark); null: unknown. */
  liveMark: string | null;
  initialFilters: InboxFilters;
  initialPage: InboxListPage;
  initialCounts: InboxCounts;
  /** When the page opened on a search: what it found in each view. */
  initialSearchCounts: InboxCounts | null;
  integrations: IntegrationOption[];
  agents: AgentOption[];
  initialTicket: { view: TicketView; thread: ThreadSlice; drafts: TicketDrafts } | null;
  /** How waits are counted and the first-response target (Settings → Business hours). */
  clock: WaitingClock;
}

/** The same tickets to count: integration, tag and search. */
function sameScope(a: InboxFilters, b: InboxFilters): boolean {
  return (a.integration ?? "") === (b.integration ?? "") && (a.tag ?? "") === (b.tag ?? "") && (a.q ?? "") === (b.q ?? "");
}

function sameFilters(a: InboxFilters, b: InboxFilters): boolean {
  return a.view === b.view && a.sort === b.sort && sameScope(a, b);
}

export function InboxScreen(props: InboxScreenProps) {
  const { filters, selectedId, openTicket, setFilters, hrefFor } = useInboxNavigation();
  const notify = useNotifications(props.me.id, (ticketId) => openTicket(ticketId));
  const live = useLiveUpdates(props.me.id, notify, props.liveMark);
  const pane = useRef<TicketPaneHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const closer = useCloseWithUndo();

  const list = useInfiniteQuery({
    queryKey: inboxKeys.list(filters),
    queryFn: ({ pageParam }) => inboxApi.listTickets(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: sameFilters(filters, props.initialFilters) ? { pages: [props.initialPage], pageParams: [null] } : undefined,
    placeholderData: keepPreviousData,
  });
  const counts = useQuery({
    queryKey: inboxKeys.countsFor(filters.integration),
    queryFn: () => inboxApi.counts(filters.integration),
    initialData: (filters.integration ?? null) === (props.initialFilters.integration ?? null) && !props.initialFilters.tag ? props.initialCounts : undefined,
  });
  // What the search or the tag filter found in each view, counted apart so the tab's unread badge stays whole.
  const searchCounts = useQuery({
    queryKey: inboxKeys.countsFor(filters.integration, filters.q, filters.tag),
    queryFn: () => inboxApi.counts(filters.integration, filters.q, filters.tag),
    enabled: !!filters.q || !!filters.tag,
    // The page was rendered with these counts when it opened on this search, or on this tag (and no search).
    initialData: !sameScope(filters, props.initialFilters) ? undefined : filters.q ? (props.initialSearchCounts ?? undefined) : filters.tag ? props.initialCounts : undefined,
    placeholderData: keepPreviousData,
  });
  const tickets = list.data?.pages.flatMap((page) => page.tickets) ?? [];
  const selection = useTicketSelection(JSON.stringify(inboxKeys.list(filters)), tickets);
  const bulk = useBulkStep();
  const shownCounts = filters.q ? searchCounts.data : counts.data;
  // The tab counts what waits for me: unread tickets that are mine or nobody's.
  useUnreadBadge(counts.data ? counts.data.unread.mine + counts.data.unread.unassigned : 0);

  // j and k should feel instant: the tickets either side of the open one are fetched ahead.
  const queryClient = useQueryClient();
  const index = tickets.findIndex((ticket) => ticket.id === selectedId);
  const neighbours = [tickets[index + 1]?.id, index > 0 ? tickets[index - 1]?.id : undefined].filter((id): id is string => !!id).join(",");
  useEffect(() => {
    for (const ticketId of neighbours ? neighbours.split(",") : []) {
      void queryClient.prefetchQuery(ticketQuery(ticketId));
      void queryClient.prefetchInfiniteQuery(threadQuery(ticketId));
      void queryClient.prefetchQuery(draftsQuery(ticketId));
    }
  }, [neighbours, queryClient]);

  /** The ticket's row, else the first one: after Escape the focus stays somewhere visible. */
  function focusRow(ticketId: string | null) {
    const rows = listRef.current;
    if (!rows) return;
    const row = (ticketId && rows.querySelector<HTMLElement>(`[data-ticket-id="${ticketId}"]`)) || rows.querySelector<HTMLElement>("[data-ticket-id]");
    row?.focus();
    // On a phone the list shows only once the ticket is left: try again after that render.
    if (row && document.activeElement !== row) requestAnimationFrame(() => row.focus());
  }
  function move(step: 1 | -1) {
    const index = tickets.findIndex((ticket) => ticket.id === selectedId);
    const next = index === -1 ? tickets[0] : tickets[index + step];
    if (!next) return;
    openTicket(next.id);
    focusRow(next.id);
  }

  useInboxShortcuts({
    next: () => move(1),
    previous: () => move(-1),
    reply: () => pane.current?.focusComposer("reply"),
    note: () => pane.current?.focusComposer("note"),
    close: () => pane.current?.close(),
    snooze: () => pane.current?.snooze(),
    undo: () => (bulk.step?.canUndo ? bulk.undo() : closer.undo()),
    // The ticket whose row has the focus, else the open one.
    select: () => {
      const row = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>("[data-ticket-id]") : null;
      const ticketId = row?.dataset.ticketId ?? selectedId;
      if (ticketId && tickets.some((ticket) => ticket.id === ticketId)) selection.toggle(ticketId);
    },
    search: () => searchRef.current?.focus(),
    help: () => setHelpOpen(true),
    escape: () => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && active !== document.body && active.closest("textarea, input, select")) {
        active.blur();
      } else if (selectedId) {
        openTicket(null);
      }
      focusRow(selectedId);
    },
  });

  return (
    <div className="flex h-[calc(100dvh-3.5rem)] min-h-0">
      <InboxSidebar
        meId={props.me.id}
        filters={filters}
        setFilters={setFilters}
        counts={filters.q || filters.tag ? searchCounts.data : counts.data}
        ignored={list.data?.pages[0]?.ignored ?? []}
        integrations={props.integrations}
        list={list}
        tickets={tickets}
        selectedId={selectedId}
        hrefFor={hrefFor}
        openTicket={openTicket}
        searchRef={searchRef}
        listRef={listRef}
        live={live}
        onHelp={() => setHelpOpen(true)}
        clock={props.clock}
        check={(ticketId) => ({ checked: selection.isChecked(ticketId), onToggle: (range) => selection.toggle(ticketId, range) })}
        toolbar={
          <SelectionToolbar
            me={props.me}
            agents={props.agents}
            filters={filters}
            selection={selection}
            bulk={bulk}
            matching={shownCounts ? { count: shownCounts[filters.view], label: countLabel(shownCounts, filters.view) } : null}
            hours={props.clock.hours}
          />
        }
      />
      <main className={`${selectedId ? "flex" : "hidden md:flex"} min-w-0 flex-1 flex-col bg-slate-50`} aria-label="Conversation">
        {selectedId ? (
          <TicketPane
            key={selectedId}
            ref={pane}
            ticketId={selectedId}
            me={props.me}
            agents={props.agents}
            initial={props.initialTicket?.view.ticket.id === selectedId ? props.initialTicket : null}
            hrefFor={hrefFor}
            openTicket={openTicket}
            onClose={closer.close}
            closing={closer.closing}
            hours={props.clock.hours}
          />
        ) : (
          <div className="m-auto max-w-sm p-8 text-center text-sm text-slate-500">
            {tickets.length > 0 ? (
              <>
                <p className="font-medium text-slate-700">Choose a conversation</p>
                <p className="mt-1">
                  Press <kbd className="rounded border border-slate-300 bg-white px-1">j</kbd> to open the first ticket, or{" "}
                  <kbd className="rounded border border-slate-300 bg-white px-1">?</kbd> for all keyboard shortcuts.
                </p>
              </>
            ) : (
              <>
                <p className="font-medium text-slate-700">Nothing to open here</p>
                <p className="mt-1">Pick another view, or start a conversation with “New conversation”.</p>
              </>
            )}
          </div>
        )}
      </main>
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      {closer.closed || closer.closeError ? (
        <UndoToast
          message={closer.closed ? `Closed the ticket with ${closer.closed.customerLabel}.` : ""}
          onUndo={closer.undo}
          onDismiss={closer.dismiss}
          pending={closer.undoing}
          error={closer.undoError ?? closer.closeError}
        />
      ) : null}
    </div>
  );
}
