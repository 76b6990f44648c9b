"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { readInboxFilters, type InboxFilters } from "@/lib/tickets/validation";
import { filtersQuery } from "./api";

/**
 * The inbox's place lives in the URL (/tickets/<id>?view=…&q=…) but moves without a server
 * round trip: history.pushState, which Next's router follows, while TanStack Query fetches.
 */
export function useInboxNavigation() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => readInboxFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  const selectedId = ticketIdIn(pathname);

  const hrefFor = useCallback((ticketId: string | null, next: InboxFilters = filters) => `/tickets${ticketId ? `/${ticketId}` : ""}${filtersQuery(next)}`, [filters]);

  const openTicket = useCallback((ticketId: string | null) => window.history.pushState(null, "", hrefFor(ticketId)), [hrefFor]);

  // The open ticket is read from the address bar when the filters change, not from the last
  // render: the search box changes them a moment after typing stops, and a ticket opened in
  // that moment is already in the URL before the router has rendered it, so it stays open.
  const setFilters = useCallback(
    (next: InboxFilters, { replace = false }: { replace?: boolean } = {}) => {
      const href = hrefFor(ticketIdIn(window.location.pathname), next);
      if (replace) window.history.replaceState(null, "", href);
      else window.history.pushState(null, "", href);
    },
    [hrefFor],
  );

  return { filters, selectedId, hrefFor, openTicket, setFilters };
}

function ticketIdIn(pathname: string): string | null {
  return /^\/tickets\/([^/?#]+)/.exec(pathname)?.[1] ?? null;
}
