import { getDb } from "@/db";
import { env } from "@/env";
import { getUserById } from "@/db/queries/users";
import { isCurrentInboxMark, subscribeInboxEvents } from "./hub";
import type { InboxEvent } from "./publish";

/**
 * A server-sent event stream of the events `format` turns into text (null skips one) for a
 * signed-in user. A heartbeat keeps proxies from closing it and, each time, checks that the
 * user is still active: a deactivated user is cut off within one heartbeat, not when they
 * happen to reload. "event: ready" tells the browser it is listening, so it can refetch
 * anything missed while it was not: `missed` is false only when the page's mark (`since`, read
 * by this process before the page's data) is still current, so no event came in between.
 */
export function userEventStream({ request, userId, format, since = null }: { request: Request; userId: string; format: (event: InboxEvent) => string | null; since?: string | null }): Response {
  // Read per stream, so a test can shorten it.
  const heartbeatMs = env().SSE_HEARTBEAT_MS;
  const encoder = new TextEncoder();
  let stop: () => void = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let unsubscribe: () => void = () => {};
      const timers: { heartbeat?: NodeJS.Timeout } = {};
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(timers.heartbeat);
        unsubscribe();
        request.signal.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      request.signal.addEventListener("abort", stop);
      unsubscribe = await subscribeInboxEvents((event) => {
        const text = format(event);
        if (text !== null) send(text);
      });
      // The browser may have gone while the subscription was being made.
      if (closed) return unsubscribe();
      timers.heartbeat = setInterval(() => {
        send(": heartbeat\n\n");
        void getDb()
          .then((db) => getUserById({ db, id: userId }))
          .then((current) => {
            if (!current?.active) stop();
          })
          .catch(() => {});
      }, heartbeatMs);
      const missed = since === null || !isCurrentInboxMark(since);
      send(`retry: 2000\nevent: ready\ndata: ${JSON.stringify({ missed })}\n\n`);
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the stream.
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
