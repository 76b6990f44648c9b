import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, handleInbox, readComposerForm } from "@/lib/http/inbox";
import { startConversation } from "@/lib/outbound/start";
import { loadInboxPage } from "@/lib/tickets/inbox";
import { newConversationFieldsSchema, readInboxFilters } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

/** One page of the inbox: ?view=&integration=&q=&cursor= */
export const GET = handleInbox(async (request: Request) => {
  const user = await authorizeRequest();
  const params = new URL(request.url).searchParams;
  const page = await loadInboxPage({ db: await getDb(), userId: user.id, filters: readInboxFilters(params), cursor: params.get("cursor") });
  return NextResponse.json(page, { headers: { "Cache-Control": "no-store" } });
});

/** A new conversation started by an agent (multipart: phone, integrationId, body, files). */
export const POST = handleInbox(async (request: Request) => {
  assertSameOrigin(request);
  const user = await authorizeRequest();
  const { fields, files } = await readComposerForm(request);
  const parsed = newConversationFieldsSchema.safeParse(fields);
  if (!parsed.success) throw new AppError("bad_request", "Type the customer's number, choose the SMS integration and write a message.");
  const { ticket, existing } = await startConversation({ db: await getDb(), ...parsed.data, attachments: files, agentId: user.id });
  return NextResponse.json({ ticketId: ticket.id, existing }, { status: existing ? 200 : 201 });
});
