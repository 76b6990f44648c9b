import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { getTicketDrafts, writeDraft } from "@/lib/drafts/manage";
import { draftSaveSchema } from "@/lib/drafts/validation";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, handleInbox, readJson } from "@/lib/http/inbox";
import { parseId } from "@/lib/tickets/ids";

export const dynamic = "force-dynamic";

/** The caller's own reply and note drafts on this ticket. */
export const GET = handleInbox(async (_request: Request, ctx: RouteContext<"/api/tickets/[ticketId]/draft">) => {
  const user = await authorizeRequest();
  const ticketId = parseId((await ctx.params).ticketId);
  const drafts = await getTicketDrafts({ db: await getDb(), userId: user.id, ticketId });
  return NextResponse.json(drafts, { headers: { "Cache-Control": "no-store" } });
});

/** { kind: "reply" | "note", body, basisMessageId? }: saves the caller's draft; an empty body removes it. */
export const PUT = handleInbox(async (request: Request, ctx: RouteContext<"/api/tickets/[ticketId]/draft">) => {
  assertSameOrigin(request);
  const user = await authorizeRequest();
  const ticketId = parseId((await ctx.params).ticketId);
  const parsed = draftSaveSchema.safeParse(await readJson(request));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue?.path[0] === "body" ? issue.message : "That draft could not be read: it needs a kind (reply or note) and a body.";
    throw new AppError("bad_request", message, issue?.path[0] === "body" ? { body: message } : undefined);
  }
  const draft = await writeDraft({ db: await getDb(), userId: user.id, ticketId, save: parsed.data });
  return NextResponse.json({ draft });
});
