import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { getDatabaseHandle } from "@/db";
import { log } from "@/lib/log";
import { INBOX_CHANNEL, type InboxEvent } from "./publish";

interface Hub {
  emitter: EventEmitter;
  listening?: Promise<void>;
  /** Changes whenever the LISTEN is (re)made: notifications sent while it was down were lost. */
  generation: string;
  /** Notifications received on this generation. */
  received: number;
}
const globalForHub = globalThis as unknown as { __inboxHub?: Hub };

function hub(): Hub {
  if (!globalForHub.__inboxHub) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    globalForHub.__inboxHub = { emitter, generation: randomUUID(), received: 0 };
  }
  return globalForHub.__inboxHub;
}

/**
 * Events that change nothing a page is rendered with: who is on a ticket (the browser asks for
 * it after loading, and again once listening) and the phone simulator's handsets.
 */
const UNMARKED = new Set<InboxEvent["type"]>(["presence.changed", "sandbox.updated"]);

/** Where `state` stands: equal for two reads only if no marked event arrived in between. */
function markOf(state: Hub): string {
  return `${state.generation}:${state.received}`;
}

/** One LISTEN per process, fanned out to every browser connected to it. */
async function ensureListening(state: Hub): Promise<void> {
  state.listening ??= (async () => {
    const handle = await getDatabaseHandle();
    await handle.listen(
      INBOX_CHANNEL,
      (payload) => {
        let event: InboxEvent;
        try {
          event = JSON.parse(payload) as InboxEvent;
        } catch {
          state.received += 1;
          log.warn("unreadable inbox notification");
          return;
        }
        if (!UNMARKED.has(event.type)) state.received += 1;
        try {
          state.emitter.emit("event", event);
        } catch (error) {
          log.warn({ err: error }, "an inbox event listener failed");
        }
      },
      // Made again after a lost connection: a mark taken before it no longer says "nothing missed".
      () => {
        state.generation = randomUUID();
        state.received = 0;
      },
    );
  })().catch((error: unknown) => {
    state.listening = undefined;
    throw error;
  });
  return state.listening;
}

export async function subscribeInboxEvents(listener: (event: InboxEvent) => void): Promise<() => void> {
  const state = hub();
  await ensureListening(state);
  state.emitter.on("event", listener);
  return () => state.emitter.off("event", listener);
}

/**
 * Where this process's event stream is now: a page reads it before its data, and the page's
 * event stream, once listening, compares it again (`isCurrentInboxMark`). Equal, no event was
 * committed in between, so the page's data is current and the browser need not fetch it again.
 * Null when this process cannot listen (the database refuses LISTEN).
 */
export async function readInboxMark(): Promise<string | null> {
  const state = hub();
  try {
    await ensureListening(state);
  } catch (error) {
    // The page still renders; its browser fetches again once listening, as without a mark.
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "inbox events cannot be listened to");
    return null;
  }
  return markOf(state);
}

/** Whether no inbox event has arrived since `mark` was read (false for another process's mark). */
export function isCurrentInboxMark(mark: string): boolean {
  const state = hub();
  return state.listening !== undefined && mark === markOf(state);
}
