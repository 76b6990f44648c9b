import { NextResponse } from "next/server";
import { authorizeRequest } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";
import { handle } from "@/lib/http/respond";
import { subscribeInboxEvents } from "@/lib/realtime/hub";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 20_000;

/** Server-sent events: "sandbox.updated" whenever a simulated phone's messages change. */
export const GET = handle(async (request: Request) => {
  if (twilioMode() === "live") return new NextResponse("Not Found", { status: 404 });
  await authorizeRequest();
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      send("retry: 2000\n\n");
      const unsubscribe = await subscribeInboxEvents((event) => {
        if (event.type === "sandbox.updated") send(`event: sandbox.updated\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => send(": still here\n\n"), HEARTBEAT_MS);
      stop = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      request.signal.addEventListener("abort", stop);
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
      "X-Accel-Buffering": "no",
    },
  });
});
