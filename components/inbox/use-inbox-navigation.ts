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
  const selectedId = /^\/tickets\/([^/?#]+)/.exec(pathname)?.[1] ?? null;

  const hrefFor = useCallback((ticketId: string | null, next: InboxFilters = filters) => `/tickets${ticketId ? `/${ticketId}` : ""}${filtersQuery(next)}`, [filters]);

  const openTicket = useCallback((ticketId: string | null) => window.history.pushState(null, "", hrefFor(ticketId)), [hrefFor]);

  const setFilters = useCallback(
    (next: InboxFilters, { replace = false }: { replace?: boolean } = {}) => {
      const href = hrefFor(selectedId, next);
      if (replace) window.history.replaceState(null, "", href);
      else window.history.pushState(null, "", href);
    },
    [hrefFor, selectedId],
  );

  return { filters, selectedId, hrefFor, openTicket, setFilters };
}
