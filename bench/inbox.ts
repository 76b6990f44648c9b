import { medianRun, runLoad, type LoadResult } from "./load";

export interface InboxScenarioOptions {
  appUrl: string;
  cookie: string;
  integrationId: string;
  bigTicketId: string;
  seconds: number;
  repeats: number;
}

export interface InboxFigure {
  name: string;
  target: number;
  result: LoadResult;
}

async function getJson<T>(url: string, cookie: string): Promise<T> {
  const response = await fetch(url, { headers: { Cookie: cookie, Accept: "application/json" } });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/**
 * What an agent's browser asks for, one request at a time (so each latency is the
 * server's, not a queue's): every view of the list, the next page, searches, and a
 * ticket with a long thread.
 */
export async function runInboxScenario(options: InboxScenarioOptions): Promise<InboxFigure[]> {
  const { appUrl, cookie } = options;
  const first = await getJson<{ nextCursor: string | null }>(`${appUrl}/api/tickets?view=open`, cookie);
  if (!first.nextCursor) throw new Error("The seeded inbox has a single page of open tickets");
  const cases: Array<{ name: string; target: number; path: string }> = [
    { name: "List: Open", target: 50, path: "/api/tickets?view=open" },
    { name: "List: Mine", target: 50, path: "/api/tickets?view=mine" },
    { name: "List: Unassigned", target: 50, path: "/api/tickets?view=unassigned" },
    { name: "List: All", target: 50, path: "/api/tickets?view=all" },
    { name: "List: Open, one integration", target: 50, path: `/api/tickets?view=open&integration=${options.integrationId}` },
    { name: "Filtered list (tag + view)", target: 50, path: "/api/tickets?view=open&tag=vip" },
    { name: "Filtered list: counts (tag)", target: 50, path: "/api/tickets/counts?tag=vip" },
    { name: "List: next page (Open)", target: 50, path: `/api/tickets?view=open&cursor=${encodeURIComponent(first.nextCursor)}` },
    { name: "List: view counts", target: 50, path: "/api/tickets/counts" },
    { name: "Search: whole number, local format", target: 150, path: `/api/tickets?view=all&q=${encodeURIComponent("(212) 200-4242")}` },
    { name: "Search: part of a number", target: 150, path: `/api/tickets?view=all&q=${encodeURIComponent("2004242")}` },
    { name: "Search: words in messages", target: 150, path: `/api/tickets?view=all&q=${encodeURIComponent("broken 4242")}` },
    { name: "Search: customer name", target: 150, path: `/api/tickets?view=all&q=${encodeURIComponent("Customer 4242")}` },
    { name: "Search: words with tag and status filters", target: 150, path: `/api/tickets?q=${encodeURIComponent("broken 4242 tag:vip status:open")}` },
    { name: "Search: counts per view", target: 150, path: `/api/tickets/counts?q=${encodeURIComponent("broken 4242 tag:vip status:open")}` },
    { name: "Open a 1,000-message ticket: ticket", target: 150, path: `/api/tickets/${options.bigTicketId}` },
    { name: "Open a 1,000-message ticket: thread", target: 150, path: `/api/tickets/${options.bigTicketId}/thread` },
    { name: "Open a 1,000-message ticket: whole page", target: 150, path: `/tickets/${options.bigTicketId}` },
  ];
  const figures: InboxFigure[] = [];
  for (const item of cases) {
    const request = () => ({ url: `${appUrl}${item.path}`, init: { headers: { Cookie: cookie, Accept: item.path.startsWith("/api") ? "application/json" : "text/html" } } });
    await runLoad({ concurrency: 1, seconds: 1, makeRequest: request });
    const runs: LoadResult[] = [];
    for (let i = 0; i < options.repeats; i++) runs.push(await runLoad({ concurrency: 1, seconds: options.seconds, makeRequest: request }));
    const result = { ...medianRun(runs), errors: runs.reduce((sum, run) => sum + run.errors, 0) };
    console.log(`${item.name.padEnd(40)} p50 ${result.p50.toFixed(1).padStart(6)} ms  p95 ${result.p95.toFixed(1).padStart(6)} ms  errors ${result.errors}`);
    figures.push({ name: item.name, target: item.target, result });
  }
  return figures;
}
