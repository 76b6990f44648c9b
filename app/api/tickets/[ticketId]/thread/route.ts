import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { route } from "@/lib/http/route";
import { parseId } from "@/lib/tickets/ids";
import { getTicketThread } from "@/lib/tickets/view";

export const dynamic = "force-dynamic";

/** The latest messages of the conversation, or those before ?before=<cursor>. */
export const GET = route({ role: "user" }, async ({ request, params }) => {
  const thread = await getTicketThread({ db: await getDb(), ticketId: parseId(params.ticketId), before: new URL(request.url).searchParams.get("before") });
  return NextResponse.json(thread, { headers: { "Cache-Control": "no-store" } });
});
