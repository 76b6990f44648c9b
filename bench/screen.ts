import { inArray } from "drizzle-orm";
import type { Database } from "../db/client";
import { messages } from "../db/schema";
import { readEventStream } from "./event-stream";
import { percentile } from "./load";

/**
 * An agent's open inbox during an ingest run: one SSE connection, as the browser's
 * EventSource, noting when each inbound text's event arrives (a new ticket for a new
 * customer, a new message otherwise). Events name the database's ids, webhooks Twilio's
 * SIDs: the two are joined after the run.
 */
export interface ScreenWatch {
  ready: Promise<void>;
  /** Waits for the last events, stops listening and returns when each event arrived. */
  stop(): Promise<Arrivals>;
}

export interface Arrivals {
  byMessage: Map<string, number>;
  byNewTicket: Map<string, number>;
}

export interface ScreenLatency {
  webhooks: number;
  seen: number;
  missing: number;
  /** From the webhook's 200 to its event (0 when the event came first). */
  p50: number;
  p95: number;
  p99: number;
}

export function watchScreen(appUrl: string, cookie: string): ScreenWatch {
  const controller = new AbortController();
  const byMessage = new Map<string, number>();
  const byNewTicket = new Map<string, number>();
  const { ready, done: reading } = readEventStream({
    url: appUrl,
    cookie,
    signal: controller.signal,
    onFrame: (frame, now) => {
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (!data || !data.startsWith("{")) return;
      const event = JSON.parse(data) as { type?: string; ticketId?: string; messageId?: string };
      if (event.type === "message.created" && event.messageId && !byMessage.has(event.messageId)) byMessage.set(event.messageId, now);
      if (event.type === "ticket.created" && event.ticketId && !byNewTicket.has(event.ticketId)) byNewTicket.set(event.ticketId, now);
    },
  });
  return {
    ready,
    async stop() {
      // Events still on their way for the last webhooks.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      controller.abort();
      await reading;
      return { byMessage, byNewTicket };
    },
  };
}

/** Matches each acknowledged webhook (MessageSid → when its 200 came) to its event. */
export async function matchScreen(db: Database, { byMessage, byNewTicket }: Arrivals, acknowledged: Map<string, number>): Promise<ScreenLatency> {
  const sids = [...acknowledged.keys()];
  const latencies: number[] = [];
  let missing = 0;
  // A new ticket's event stands for its first text only.
  const claimed = new Set<string>();
  for (let i = 0; i < sids.length; i += 5000) {
    const rows = await db.select({ sid: messages.twilioSid, id: messages.id, ticketId: messages.ticketId }).from(messages).where(inArray(messages.twilioSid, sids.slice(i, i + 5000)));
    for (const row of rows) {
      const arrival = byMessage.get(row.id) ?? (claimed.has(row.ticketId) ? undefined : byNewTicket.get(row.ticketId));
      if (!byMessage.has(row.id)) claimed.add(row.ticketId);
      if (arrival === undefined) {
        missing++;
        continue;
      }
      latencies.push(Math.max(0, arrival - acknowledged.get(row.sid!)!));
    }
  }
  latencies.sort((a, b) => a - b);
  return { webhooks: sids.length, seen: latencies.length, missing, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}
