"use client";

import { useQuery } from "@tanstack/react-query";
import type { InboxFilters } from "@/lib/tickets/validation";
import { inboxApi } from "./api";
import { inboxKeys } from "./query-keys";

/**
 * The list's tag filter, beside the view and the integration: the same tickets as `tag:` in
 * the search box. Hidden until some ticket has a tag, unless the address names one.
 */
export function TagFilter({ filters, setFilters }: { filters: InboxFilters; setFilters: (next: InboxFilters) => void }) {
  const names = useQuery({ queryKey: inboxKeys.tagSuggestions(""), queryFn: () => inboxApi.tags(), select: (data) => data.tags });
  const tags = names.data ?? [];
  if (tags.length === 0 && !filters.tag) return null;
  // A tag in the address that is no more (merged, deleted) stays choosable, so the filter shows what is applied.
  const options = filters.tag && !tags.includes(filters.tag) ? [filters.tag, ...tags] : tags;
  return (
    <div>
      <label htmlFor="inbox-tag" className="sr-only">
        Filter by tag
      </label>
      <select
        id="inbox-tag"
        value={filters.tag ?? ""}
        onChange={(event) => setFilters({ ...filters, tag: event.target.value || undefined })}
        className="block w-full rounded-md border-0 bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
      >
        <option value="">All tags</option>
        {options.map((name) => (
          <option key={name} value={name}>
            Tag: {name}
          </option>
        ))}
      </select>
    </div>
  );
}
