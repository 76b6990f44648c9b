import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { route } from "@/lib/http/route";
import { parseId } from "@/lib/tickets/ids";
import { applyMacro } from "@/lib/tickets/reply";
import { macroApplicationSchema } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

/**
 * { savedReplyId, runId, timeZone? }: runs a macro's actions on the ticket without sending
 * anything (the composer's Apply). The same runId twice runs them once.
 */
export const POST = route(
  { role: "user", sameOrigin: true, body: macroApplicationSchema, invalid: "The macro could not be read. Reload the page and apply it again." },
  async ({ user, body, params }) => {
    const { applied } = await applyMacro({ db: await getDb(), ticketId: parseId(params.ticketId), actor: user, macro: body });
    return NextResponse.json({ applied });
  },
);
