import type { Database } from "@/db/client";
import { deleteDraft, listDrafts, saveDraft } from "@/db/queries/drafts";
import { getTicket } from "@/db/queries/tickets";
import type { Draft } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { DraftSave, DraftView, TicketDrafts } from "./validation";

function viewOf(draft: Draft): DraftView {
  return { body: draft.body, basisMessageId: draft.basisMessageId, updatedAt: draft.updatedAt.toISOString() };
}

async function requireTicket(db: Database, ticketId: string): Promise<void> {
  if (!(await getTicket({ db, id: ticketId }))) throw new AppError("not_found", "This ticket does not exist.");
}

/** The caller's own drafts on a ticket; nobody sees another agent's. */
export async function getTicketDrafts({ db, userId, ticketId }: { db: Database; userId: string; ticketId: string }): Promise<TicketDrafts> {
  await requireTicket(db, ticketId);
  const rows = await listDrafts({ db, userId, ticketId });
  const of = (kind: Draft["kind"]) => {
    const row = rows.find((draft) => draft.kind === kind);
    return row ? viewOf(row) : null;
  };
  return { reply: of("reply"), note: of("note") };
}

/** Saves the text as typed; an empty (or blank) text removes the draft instead. */
export async function writeDraft({ db, userId, ticketId, save }: { db: Database; userId: string; ticketId: string; save: DraftSave }): Promise<DraftView | null> {
  await requireTicket(db, ticketId);
  if (save.body.trim() === "") {
    await deleteDraft({ db, userId, ticketId, kind: save.kind });
    return null;
  }
  const draft = await saveDraft({ db, userId, ticketId, kind: save.kind, body: save.body, basisMessageId: save.basisMessageId ?? null });
  return viewOf(draft);
}
