"use client";

import { INBOX_SORTS, type InboxFilters, type InboxSort } from "@/lib/tickets/validation";

const LABELS: Record<InboxSort, string> = { recent: "Latest activity first", waiting: "Waiting longest first" };

/** The list's order: latest activity (under Snoozed, the soonest to wake), or the customers who have waited longest for an answer. */
export function SortChoice({ filters, setFilters }: { filters: InboxFilters; setFilters: (next: InboxFilters) => void }) {
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="inbox-sort" className="shrink-0 text-xs text-slate-600">
        Sort
      </label>
      <select
        id="inbox-sort"
        value={filters.sort}
        onChange={(event) => setFilters({ ...filters, sort: event.target.value as InboxSort })}
        className="block w-full rounded-md border-0 bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
      >
        {INBOX_SORTS.map((sort) => (
          <option key={sort} value={sort}>
            {sort === "recent" && filters.view === "snoozed" ? "Waking soonest first" : LABELS[sort]}
          </option>
        ))}
      </select>
    </div>
  );
}
