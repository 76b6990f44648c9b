"use client";

import type { UseInfiniteQueryResult, InfiniteData } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode, type RefObject } from "react";
import type { InboxCounts, InboxView } from "@/lib/tickets/types";
import { CLOSED_COUNT_CAP } from "@/lib/tickets/counts";
import type { InboxItem, InboxListPage } from "@/lib/tickets/inbox";
import type { IntegrationOption } from "@/lib/tickets/options";
import type { WaitingClock } from "@/lib/tickets/waiting";
import type { InboxFilters } from "@/lib/tickets/validation";
import { Button } from "@/components/ui/button";
import { NewConversationDialog } from "./new-conversation-dialog";
import { NotificationSettings } from "./notification-settings";
import { TagFilter } from "./tag-filter";
import { SortChoice } from "./sort-choice";
import { TicketRow } from "./ticket-row";
import { useNow } from "./use-now";
import type { LiveState } from "./use-live-updates";

const VIEWS: { view: InboxView; label: string }[] = [
  { view: "open", label: "Open" },
  { view: "mine", label: "Mine" },
  { view: "unassigned", label: "Unassigned" },
  { view: "snoozed", label: "Snoozed" },
  { view: "overdue", label: "Past target" },
  { view: "closed", label: "Closed" },
  { view: "all", label: "All" },
];

const EMPTY: Record<InboxView, string> = {
  open: "No open tickets. New conversations from customers appear here.",
  mine: "No open tickets are assigned to you.",
  unassigned: "Every open ticket has someone on it.",
  snoozed: "No snoozed tickets. Snooze one (s) to put it aside until a time; it comes back to Open then, or as soon as the customer writes.",
  overdue: "No ticket is past the first-response target.",
  closed: "No closed tickets yet.",
  all: "No tickets yet. When customers text your SMS number, their conversations appear here.",
};

interface Props {
  meId: string;
  filters: InboxFilters;
  setFilters: (next: InboxFilters, options?: { replace?: boolean }) => void;
  /** With a search: what it found in each view. */
  counts: InboxCounts | undefined;
  /** Filters in the search that were not understood, searched as words. */
  ignored: string[];
  integrations: IntegrationOption[];
  list: UseInfiniteQueryResult<InfiniteData<InboxListPage>>;
  tickets: InboxItem[];
  selectedId: string | null;
  hrefFor: (ticketId: string | null, filters?: InboxFilters) => string;
  openTicket: (ticketId: string | null) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  listRef: RefObject<HTMLUListElement | null>;
  live: LiveState;
  onHelp: () => void;
  /** Checked tickets and what to do to them (selection-toolbar.tsx), shown above the list. */
  toolbar?: ReactNode;
  check?: (ticketId: string) => { checked: boolean; onToggle: (range: boolean) => void };
  clock: WaitingClock;
}

function SearchBox({ filters, setFilters, searchRef }: Pick<Props, "filters" | "setFilters" | "searchRef">) {
  const [text, setText] = useState(filters.q ?? "");
  // The URL follows the box a moment after typing stops, so each key does not fetch.
  useEffect(() => {
    if (text.trim() === (filters.q ?? "")) return;
    const q = text.trim() || undefined;
    // A new search covers every ticket; a view picked during it narrows it; clearing it goes back to Open.
    const view = !filters.q && q ? "all" : filters.q && !q && filters.view === "all" ? "open" : filters.view;
    const timer = setTimeout(() => setFilters({ ...filters, q, view }, { replace: true }), 250);
    return () => clearTimeout(timer);
  }, [text, filters, setFilters]);
  return (
    <div>
      <label htmlFor="inbox-search" className="sr-only">
        Search tickets
      </label>
      <input
        id="inbox-search"
        ref={searchRef}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="Search number, name or message  ( / )"
        aria-describedby="inbox-search-hint"
        className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500"
      />
      <p id="inbox-search-hint" className="mt-1 text-xs text-slate-500">
        Every ticket. Try “exact phrase”, tag:vip, status:open, assignee:me, integration:Support, from:415 555 0100
      </p>
    </div>
  );
}

/** A view's count; closed tickets are counted up to a cap, so past it the number reads "1,000+". */
export function countLabel(counts: InboxCounts, view: InboxView): string {
  const capped = counts.closed > CLOSED_COUNT_CAP && (view === "closed" || view === "all");
  if (!capped) return counts[view].toLocaleString("en-US");
  return `${(view === "closed" ? CLOSED_COUNT_CAP : counts.open + CLOSED_COUNT_CAP).toLocaleString("en-US")}+`;
}

export function InboxSidebar({
  meId,
  filters,
  setFilters,
  counts,
  ignored,
  integrations,
  list,
  tickets,
  selectedId,
  hrefFor,
  openTicket,
  searchRef,
  listRef,
  live,
  onHelp,
  toolbar,
  check,
  clock,
}: Props) {
  const [composing, setComposing] = useState(false);
  const now = useNow();
  return (
    // On a phone the list and the open ticket take turns filling the screen.
    <aside className={`${selectedId ? "hidden md:flex" : "flex"} w-full shrink-0 flex-col border-r border-slate-200 bg-white md:w-[22rem]`} aria-label="Ticket list">
      <div className="space-y-3 border-b border-slate-200 p-3">
        <div className="flex items-center justify-between gap-2">
          <h1 className="text-base font-semibold text-slate-900">Inbox</h1>
          <span className="flex items-center gap-2">
            <span role="status" className="flex items-center gap-1 text-xs text-slate-500" title="New messages appear without reloading">
              <span aria-hidden className={`h-2 w-2 rounded-full ${live === "live" ? "bg-green-500" : "bg-amber-400"}`} />
              {live === "live" ? "Live" : live === "connecting" ? "Connecting…" : "Reconnecting…"}
            </span>
            <NotificationSettings />
            <Button variant="ghost" className="px-2 py-1 text-xs" onClick={onHelp} aria-label="Keyboard shortcuts">
              ?
            </Button>
            <Button className="px-2 py-1 text-xs" onClick={() => setComposing(true)} disabled={!integrations.some((i) => i.active)}>
              New conversation
            </Button>
          </span>
        </div>
        <nav aria-label="Views">
          <ul className="flex flex-wrap gap-1">
            {VIEWS.map(({ view, label }) => (
              <li key={view}>
                <a
                  href={hrefFor(selectedId, { ...filters, view })}
                  aria-current={filters.view === view ? "page" : undefined}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                    event.preventDefault();
                    setFilters({ ...filters, view });
                  }}
                  className={`flex items-center gap-1 rounded-md px-2 py-1 text-sm ${filters.view === view ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
                >
                  {label}
                  {counts ? <span className="text-xs tabular-nums text-slate-500">{countLabel(counts, view)}</span> : null}
                  {counts && view in counts.unread && counts.unread[view as keyof InboxCounts["unread"]] > 0 ? (
                    <span className="rounded-full bg-brand-600 px-1.5 text-xs font-semibold tabular-nums text-white">
                      {counts.unread[view as keyof InboxCounts["unread"]]}
                      <span className="sr-only"> unread</span>
                    </span>
                  ) : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {integrations.length > 1 ? (
          <div>
            <label htmlFor="inbox-integration" className="sr-only">
              SMS integration
            </label>
            <select
              id="inbox-integration"
              value={filters.integration ?? ""}
              onChange={(event) => setFilters({ ...filters, integration: event.target.value || undefined })}
              className="block w-full rounded-md border-0 bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
            >
              <option value="">All SMS integrations</option>
              {integrations.map((integration) => (
                <option key={integration.id} value={integration.id}>
                  {integration.name} ({integration.phoneDisplay}){integration.deleted ? " · deleted" : integration.active ? "" : " · deactivated"}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <TagFilter filters={filters} setFilters={setFilters} />
        <SortChoice filters={filters} setFilters={setFilters} />
        <SearchBox filters={filters} setFilters={setFilters} searchRef={searchRef} />
        {filters.q && ignored.length ? (
          <p role="status" className="text-xs text-slate-600">
            Searched for the words {ignored.join(" ")}: tag:, status:open or status:closed, assignee:, integration: and from: (a phone number) are the filters.
          </p>
        ) : null}
      </div>
      {toolbar}
      <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={list.isFetching && !list.isFetchingNextPage}>
        {list.isError && tickets.length === 0 ? (
          <p role="alert" className="p-4 text-sm text-red-700">
            {list.error.message}
          </p>
        ) : tickets.length === 0 && !list.isPending ? (
          <p className="p-6 text-center text-sm text-slate-500">
            {filters.q
              ? `No tickets match “${filters.q}”.`
              : filters.tag
                ? `No tickets in this view have the tag “${filters.tag}”. Choose All tags to see every ticket.`
                : filters.view === "overdue" && !clock.targetMinutes
                  ? "No first-response target is set. An admin sets one under Settings → Business hours."
                  : EMPTY[filters.view]}
          </p>
        ) : (
          <ul ref={listRef} aria-label="Tickets" className="divide-y divide-slate-100">
            {tickets.map((ticket) => (
              <TicketRow
                key={ticket.id}
                ticket={ticket}
                meId={meId}
                selected={ticket.id === selectedId}
                href={hrefFor(ticket.id)}
                onOpen={() => openTicket(ticket.id)}
                clock={clock}
                now={now}
                check={check?.(ticket.id)}
              />
            ))}
          </ul>
        )}
        {list.hasNextPage ? (
          <div className="p-3">
            <Button variant="secondary" className="w-full" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          </div>
        ) : null}
      </div>
      <NewConversationDialog
        open={composing}
        onClose={() => setComposing(false)}
        integrations={integrations.filter((integration) => integration.active)}
        defaultIntegration={filters.integration}
        onStarted={(ticketId) => {
          setComposing(false);
          openTicket(ticketId);
        }}
      />
    </aside>
  );
}
