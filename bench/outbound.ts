import { percentile, runLoad, type LoadResult } from "./load";

export interface OutboundOptions {
  appUrl: string;
  cookie: string;
  concurrency: number;
  seconds: number;
  /** Each agent's pause between replies (0: as fast as the app answers). */
  pauseMs?: number;
}

export interface OutboundResult {
  accepted: LoadResult;
  /** The replies the app accepted (201), to look up once the run is over. */
  messageIds: string[];
  sent: number;
  delivered: number;
  failed: number;
  /** Replies that reached "delivered" per second, from the first reply to the last delivery. */
  deliveredPerSecond: number;
  /** From the agent's 201 to "delivered" reaching the app (as the thread shows it), in ms. */
  toDelivered: { p50: number; p95: number; p99: number };
}

interface ThreadMessage {
  id: string;
  status: string;
}

/** Open tickets whose customers the sandbox delivers to (numbers ending 0003/0005/0006/0007 simulate failures). */
async function replyTargets(appUrl: string, cookie: string): Promise<string[]> {
  const response = await fetch(`${appUrl}/api/tickets?view=open`, { headers: { Cookie: cookie, Accept: "application/json" } });
  const page = (await response.json()) as { tickets: Array<{ id: string; customer: { phoneE164: string } }> };
  const ids = page.tickets.filter((ticket) => !/(0003|0005|0006|0007)$/.test(ticket.customer.phoneE164)).map((ticket) => ticket.id);
  if (ids.length < 10) throw new Error("Too few open tickets to reply to");
  return ids;
}

/**
 * Agents reply through the inbox API at fixed concurrency; the app sends each through
 * the sandbox, whose status callbacks bring "delivered" back. Watched through the
 * threads, as the agent sees it.
 */
export async function runOutbound(options: OutboundOptions): Promise<OutboundResult> {
  const { appUrl, cookie } = options;
  const targets = await replyTargets(appUrl, cookie);
  const acceptedAt = new Map<string, { ticketId: string; at: number }>();
  const pending = new Map<number, string>();
  const started = performance.now();
  const accepted = await runLoad({
    concurrency: options.concurrency,
    seconds: options.seconds,
    pauseMs: options.pauseMs,
    makeRequest: (index) => {
      const ticketId = targets[index % targets.length]!;
      pending.set(index, ticketId);
      const form = new FormData();
      form.set("body", `Thanks for waiting: your parcel left our warehouse today (${index}).`);
      return {
        url: `${appUrl}/api/tickets/${ticketId}/messages`,
        init: { method: "POST", headers: { Cookie: cookie, Origin: appUrl, Accept: "application/json" }, body: form },
        accept: (status) => status === 201,
      };
    },
    onAccepted: (index) => {
      pending.delete(index);
    },
    onResponse: async (index, response) => {
      if (response.status !== 201) return void (await response.arrayBuffer());
      const { messageId } = (await response.json()) as { messageId: string };
      acceptedAt.set(messageId, { ticketId: targets[index % targets.length]!, at: performance.now() });
    },
  });

  const deliveredAt = new Map<string, number>();
  const final = new Map<string, string>();
  const tickets = [...new Set([...acceptedAt.values()].map((entry) => entry.ticketId))];
  const giveUp = performance.now() + 120_000;
  while (final.size < acceptedAt.size && performance.now() < giveUp) {
    for (const ticketId of tickets) {
      const response = await fetch(`${appUrl}/api/tickets/${ticketId}/thread`, { headers: { Cookie: cookie, Accept: "application/json" } });
      const slice = (await response.json()) as { messages: ThreadMessage[] };
      const now = performance.now();
      for (const message of slice.messages) {
        if (!acceptedAt.has(message.id) || final.has(message.id)) continue;
        if (message.status === "delivered") deliveredAt.set(message.id, now);
        if (["delivered", "failed", "undelivered", "unknown"].includes(message.status)) final.set(message.id, message.status);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const waits = [...deliveredAt].map(([id, at]) => at - acceptedAt.get(id)!.at).sort((a, b) => a - b);
  const lastDelivery = Math.max(...deliveredAt.values(), started);
  const statuses = [...final.values()];
  return {
    accepted,
    messageIds: [...acceptedAt.keys()],
    sent: acceptedAt.size,
    delivered: deliveredAt.size,
    failed: statuses.filter((status) => status !== "delivered").length + (acceptedAt.size - final.size),
    deliveredPerSecond: deliveredAt.size / ((lastDelivery - started) / 1000),
    toDelivered: { p50: percentile(waits, 50), p95: percentile(waits, 95), p99: percentile(waits, 99) },
  };
}
