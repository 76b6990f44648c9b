import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, handleInbox, readComposerForm } from "@/lib/http/inbox";
import { queueOutboundMessage } from "@/lib/outbound/queue";
import { parseId } from "@/lib/tickets/ids";
import { replyFieldsSchema } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

/** An agent's reply (multipart: body, policyOverride, files). */
export const POST = handleInbox(async (request: Request, ctx: RouteContext<"/api/tickets/[ticketId]/messages">) => {
  assertSameOrigin(request);
  const user = await authorizeRequest();
  const ticketId = parseId((await ctx.params).ticketId);
  const { fields, files } = await readComposerForm(request);
  const parsed = replyFieldsSchema.safeParse(fields);
  if (!parsed.success) throw new AppError("bad_request", "The message is too long.");
  const message = await queueOutboundMessage({ db: await getDb(), ticketId, ...parsed.data, attachments: files, authorId: user.id });
  return NextResponse.json({ messageId: message.id }, { status: 201 });
});
