import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, handleInbox, readComposerForm } from "@/lib/http/inbox";
import { parseId } from "@/lib/tickets/ids";
import { sendAgentReply } from "@/lib/tickets/reply";
import { replyFieldsSchema } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

/** An agent's reply (multipart: body, policyOverride, basisMessageId, close, files). */
export const POST = handleInbox(async (request: Request, ctx: RouteContext<"/api/tickets/[ticketId]/messages">) => {
  assertSameOrigin(request);
  const user = await authorizeRequest();
  const ticketId = parseId((await ctx.params).ticketId);
  const { fields, files } = await readComposerForm(request);
  const parsed = replyFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    throw new AppError("bad_request", field === "body" || field === undefined ? "The message is too long." : "The reply could not be read. Reload the page and try again.");
  }
  const message = await sendAgentReply({ db: await getDb(), ticketId, author: user, ...parsed.data, attachments: files });
  return NextResponse.json({ messageId: message.id }, { status: 201 });
});
