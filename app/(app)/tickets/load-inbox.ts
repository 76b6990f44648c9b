import { getDb } from "@/db";
import type { User } from "@/db/schema";
import { getTicketDrafts } from "@/lib/drafts/manage";
import { readInboxMark } from "@/lib/realtime/hub";
import { loadInboxCounts, loadInboxPage } from "@/lib/tickets/inbox";
import { getWaitingClock } from "@/lib/tickets/response-target";
import { listAssignableAgents, listIntegrationOptions } from "@/lib/tickets/options";
import { readInboxFilters } from "@/lib/tickets/validation";
import { getTicketThread, getTicketView } from "@/lib/tickets/view";

/** What the inbox page renders first; TanStack Query takes over from it in the browser. */
export async function loadInbox({ user, searchParams, ticketId }: { user: User; searchParams: Record<string, string | string[] | undefined>; ticketId?: string }) {
  const db = await getDb();
  const filters = readInboxFilters(searchParams);
  // Before the data: an event that comes in while it is read moves the mark, and the browser
  // then fetches again once its event stream listens (see useLiveUpdates).
  const liveMark = await readInboxMark();
  const [initialPage, initialCounts, initialSearchCounts, integrations, agents, view, thread, drafts, clock] = await Promise.all([
    loadInboxPage({ db, userId: user.id, filters }),
    loadInboxCounts({ db, userId: user.id, integrationId: filters.integration, tag: filters.tag }),
    // A page opened on a search shows what it found in each view at once, so the views do not shift as the counts arrive.
    filters.q ? loadInboxCounts({ db, userId: user.id, integrationId: filters.integration, tag: filters.tag, q: filters.q }) : null,
    listIntegrationOptions({ db }),
    listAssignableAgents({ db }),
    ticketId ? getTicketView({ db, ticketId, userId: user.id }) : null,
    ticketId ? getTicketThread({ db, ticketId }) : null,
    ticketId ? getTicketDrafts({ db, userId: user.id, ticketId }).catch(() => null) : null,
    getWaitingClock({ db }),
  ]);
  return {
    me: { id: user.id, name: user.name },
    liveMark,
    initialFilters: filters,
    initialPage,
    initialCounts,
    initialSearchCounts,
    integrations,
    agents,
    clock,
    initialTicket: view && thread && drafts ? { view, thread, drafts } : null,
  };
}
