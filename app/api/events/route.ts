import { route } from "@/lib/http/route";
import { userEventStream } from "@/lib/realtime/event-stream";

export const dynamic = "force-dynamic";

/**
 * Server-sent events for the live inbox: every change published with publishInboxEvent,
 * by any app process (Postgres NOTIFY), as `event: inbox` with the event as JSON data.
 * `?since=` is the mark the page was rendered at (readInboxMark).
 */
export const GET = route({ role: "user" }, async ({ request, user }) =>
  userEventStream({
    request,
    userId: user.id,
    since: new URL(request.url).searchParams.get("since"),
    format: (event) => `event: inbox\ndata: ${JSON.stringify(event)}\n\n`,
  }),
);
