import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import { authorizeRequest } from "@/lib/auth/session";
import { handleInbox } from "@/lib/http/inbox";
import { subscribeInboxEvents } from "@/lib/realtime/hub";

export const dynamic = "force-dynamic";

// Often enough that proxies keep the connection open, and a deactivated user is cut off soon.
const HEARTBEAT_MS = Number(process.env.SSE_HEARTBEAT_MS || 20_000);

/**
 * Server-sent events for the live inbox: every change published with publishInboxEvent,
 * by any app process (Postgres NOTIFY), as `event: inbox` with the event as JSON data.
 */
export const GET = handleInbox(async (request: Request) => {
  const user = await authorizeRequest();
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
      unsubscribe = await subscribeInboxEvents((event) => send(`event: inbox\ndata: ${JSON.stringify(event)}\n\n`));
      // The browser may have gone while the subscription was being made.
      if (closed) return unsubscribe();
      timers.heartbeat = setInterval(() => {
        send(": heartbeat\n\n");
        void getDb()
          .then((db) => getUserById({ db, id: user.id }))
          .then((current) => {
            if (!current?.active) stop();
          })
          .catch(() => {});
      }, HEARTBEAT_MS);
      // Tells the browser it is listening, so it can refetch anything missed while it was not.
      send("retry: 2000\nevent: ready\ndata: {}\n\n");
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
