import { EventEmitter } from "node:events";
import { getDatabaseHandle } from "@/db";
import { log } from "@/lib/log";
import { INBOX_CHANNEL, type InboxEvent } from "./publish";

interface Hub {
  emitter: EventEmitter;
  listening?: Promise<void>;
}
const globalForHub = globalThis as unknown as { __inboxHub?: Hub };

function hub(): Hub {
  if (!globalForHub.__inboxHub) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    globalForHub.__inboxHub = { emitter };
  }
  return globalForHub.__inboxHub;
}

/** One LISTEN per process, fanned out to every browser connected to it. */
async function ensureListening(state: Hub): Promise<void> {
  state.listening ??= (async () => {
    const handle = await getDatabaseHandle();
    await handle.listen(INBOX_CHANNEL, (payload) => {
      try {
        state.emitter.emit("event", JSON.parse(payload) as InboxEvent);
      } catch {
        log.warn("unreadable inbox notification");
      }
    });
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
