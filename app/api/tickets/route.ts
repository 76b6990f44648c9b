import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { route } from "@/lib/http/route";
import { startConversation } from "@/lib/outbound/start";
import { loadInboxPage } from "@/lib/tickets/inbox";
import { newConversationFieldsSchema, readInboxFilters } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

/** One page of the inbox: ?view=&integration=&q=&cursor= */
export const GET = route({ role: "user" }, async ({ request, user }) => {
  const params = new URL(request.url).searchParams;
  const page = await loadInboxPage({ db: await getDb(), userId: user.id, filters: readInboxFilters(params), cursor: params.get("cursor") });
  return NextResponse.json(page, { headers: { "Cache-Control": "no-store" } });
});

/** A new conversation started by an agent (multipart: phone, integrationId, body, files). */
export const POST = route(
  {
    role: "user",
    sameOrigin: true,
    body: newConversationFieldsSchema,
    format: "composer",
    invalid: "Type the customer's number, choose the SMS integration and write a message.",
  },
  async ({ user, body, files }) => {
    const { ticket, existing } = await startConversation({ db: await getDb(), ...body, attachments: files, agentId: user.id });
    return NextResponse.json({ ticketId: ticket.id, existing }, { status: existing ? 200 : 201 });
  },
);
