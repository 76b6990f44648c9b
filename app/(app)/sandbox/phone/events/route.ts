import { NextResponse } from "next/server";
import { authorizeRequest } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";
import { handle } from "@/lib/http/respond";
import { userEventStream } from "@/lib/realtime/event-stream";

export const dynamic = "force-dynamic";

/** Server-sent events: "sandbox.updated" whenever a simulated phone's messages change. */
export const GET = handle(async (request: Request) => {
  if (twilioMode() === "live") return new NextResponse("Not Found", { status: 404 });
  const user = await authorizeRequest();
  return userEventStream({
    request,
    userId: user.id,
    format: (event) => (event.type === "sandbox.updated" ? `event: sandbox.updated\ndata: ${JSON.stringify(event)}\n\n` : null),
  });
});
