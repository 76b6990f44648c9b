import type { DbOrTx, Transaction } from "@/db/client";
import { deleteSavedReply, findSavedReplyWithTitle, insertSavedReply, updateSavedReply } from "@/db/queries/saved-replies";
import type { SavedReply } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { checkMessagingPolicy } from "@/lib/policy/check";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { fillSavedReply, unknownPlaceholderMessage, unknownSavedReplyPlaceholders } from "./template";
import { savedReplyInputSchema, type SavedReplyInput } from "./validation";

const NOT_FOUND = "This saved reply no longer exists. Someone may have deleted it.";
const CHECK_FIELDS = "Check the highlighted fields.";

/**
 * What a saved reply may say: the placeholders the composer knows, and nothing the
 * messaging policy checker flags, read with the placeholders at their fallbacks.
 */
export function parseSavedReplyInput(input: unknown): SavedReplyInput {
  const parsed = savedReplyInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", CHECK_FIELDS, fieldErrorsOf(parsed.error));
  const { body } = parsed.data;
  const unknown = unknownSavedReplyPlaceholders(body);
  if (unknown.length > 0) throw new AppError("bad_request", CHECK_FIELDS, { body: unknownPlaceholderMessage(unknown) });
  const policy = checkMessagingPolicy(fillSavedReply(body, {}));
  if (!policy.ok) {
    throw new AppError("bad_request", CHECK_FIELDS, {
      body: `This reply likely breaks the messaging policy (${policy.label}: “${policy.matched}”). Rephrase it.`,
    });
  }
  return parsed.data;
}

/** Titles are how agents pick a reply from the composer's menu, so two may not differ only in case. */
async function refuseTakenTitle(tx: Transaction, title: string, exceptId?: string): Promise<void> {
  const taken = await findSavedReplyWithTitle({ tx, title, exceptId });
  if (taken) {
    const message = `A saved reply is already called “${taken.title}”. Choose another title, or edit that one.`;
    throw new AppError("conflict", message, { title: message });
  }
}

export async function createSavedReply({ db, input, createdBy }: { db: DbOrTx; input: unknown; createdBy: string }): Promise<SavedReply> {
  const values = parseSavedReplyInput(input);
  return db.transaction(async (tx) => {
    await refuseTakenTitle(tx, values.title);
    return insertSavedReply({ db: tx, values: { ...values, createdBy } });
  });
}

export async function editSavedReply({ db, id, input }: { db: DbOrTx; id: string; input: unknown }): Promise<SavedReply> {
  const values = parseSavedReplyInput(input);
  const updated = await db.transaction(async (tx) => {
    await refuseTakenTitle(tx, values.title, id);
    return updateSavedReply({ db: tx, id, values });
  });
  if (!updated) throw new AppError("not_found", NOT_FOUND);
  return updated;
}

export async function removeSavedReply({ db, id }: { db: DbOrTx; id: string }): Promise<void> {
  if (!(await deleteSavedReply({ db, id }))) throw new AppError("not_found", NOT_FOUND);
}
