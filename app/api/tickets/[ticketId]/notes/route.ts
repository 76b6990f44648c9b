import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { deleteDraft } from "@/db/queries/drafts";
import { route } from "@/lib/http/route";
import { parseId } from "@/lib/tickets/ids";
import { addInternalNote } from "@/lib/tickets/manage";
import { noteSchema } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

/** An internal note: stored on the ticket, never sent. */
export const POST = route({ role: "user", sameOrigin: true, body: noteSchema, invalid: "Notes can be at most 10,000 characters." }, async ({ user, body, params }) => {
  const ticketId = parseId(params.ticketId);
  const db = await getDb();
  const note = await addInternalNote({ db, ticketId, body: body.body, actor: user });
  await deleteDraft({ db, userId: user.id, ticketId, kind: "note", sent: body.body });
  return NextResponse.json({ messageId: note.id }, { status: 201 });
});
