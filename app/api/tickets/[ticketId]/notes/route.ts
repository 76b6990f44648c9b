import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { deleteDraft } from "@/db/queries/drafts";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, handleInbox, readJson } from "@/lib/http/inbox";
import { parseId } from "@/lib/tickets/ids";
import { addInternalNote } from "@/lib/tickets/manage";
import { noteSchema } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

/** An internal note: stored on the ticket, never sent. */
export const POST = handleInbox(async (request: Request, ctx: RouteContext<"/api/tickets/[ticketId]/notes">) => {
  assertSameOrigin(request);
  const user = await authorizeRequest();
  const ticketId = parseId((await ctx.params).ticketId);
  const parsed = noteSchema.safeParse(await readJson(request));
  if (!parsed.success) throw new AppError("bad_request", "Notes can be at most 10,000 characters.");
  const db = await getDb();
  const note = await addInternalNote({ db, ticketId, body: parsed.data.body, actor: user });
  await deleteDraft({ db, userId: user.id, ticketId, kind: "note" });
  return NextResponse.json({ messageId: note.id }, { status: 201 });
});
