import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { getTicketDrafts, writeDraft } from "@/lib/drafts/manage";
import { draftSaveSchema } from "@/lib/drafts/validation";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { parseId } from "@/lib/tickets/ids";

export const dynamic = "force-dynamic";

/** The caller's own reply and note drafts on this ticket. */
export const GET = route({ role: "user" }, async ({ user, params }) => {
  const drafts = await getTicketDrafts({ db: await getDb(), userId: user.id, ticketId: parseId(params.ticketId) });
  return NextResponse.json(drafts, { headers: { "Cache-Control": "no-store" } });
});

/** { kind: "reply" | "note", body, basisMessageId? }: saves the caller's draft; an empty body removes it. */
export const PUT = route(
  {
    role: "user",
    sameOrigin: true,
    body: draftSaveSchema,
    invalid: (error) => {
      const issue = error.issues[0];
      const message = issue?.path[0] === "body" ? issue.message : "That draft could not be read: it needs a kind (reply or note) and a body.";
      return new AppError("bad_request", message, issue?.path[0] === "body" ? { body: message } : undefined);
    },
  },
  async ({ user, body, params }) => {
    const draft = await writeDraft({ db: await getDb(), userId: user.id, ticketId: parseId(params.ticketId), save: body });
    return NextResponse.json({ draft });
  },
);
