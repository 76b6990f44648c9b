import type { DbOrTx, Transaction } from "@/db/client";
import { deleteCannedReply, findCannedReplyWithTitle, insertCannedReply, updateCannedReply } from "@/db/queries/canned-replies";
import type { CannedReply } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { checkMessagingPolicy } from "@/lib/policy/check";
import { fieldErrorsOf } from "@/lib/rules/validation";
import { fillSavedReply, unknownPlaceholderMessage, unknownSavedReplyPlaceholders } from "./template";
import { cannedReplyInputSchema, type CannedReplyInput } from "./validation";

const NOT_FOUND = "This saved reply no longer exists. Someone may have deleted it.";
const CHECK_FIELDS = "Check the highlighted fields.";

/**
 * What a saved reply may say: the placeholders the composer knows, and nothing the
 * messaging policy checker flags, read with the placeholders at their fallbacks.
 */
export function parseCannedReplyInput(input: unknown): CannedReplyInput {
  const parsed = cannedReplyInputSchema.safeParse(input);
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
  const taken = await findCannedReplyWithTitle({ tx, title, exceptId });
  if (taken) {
    const message = `A saved reply is already called “${taken.title}”. Choose another title, or edit that one.`;
    throw new AppError("conflict", message, { title: message });
  }
}

export async function createCannedReply({ db, input, createdBy }: { db: DbOrTx; input: unknown; createdBy: string }): Promise<CannedReply> {
  const values = parseCannedReplyInput(input);
  return db.transaction(async (tx) => {
    await refuseTakenTitle(tx, values.title);
    return insertCannedReply({ db: tx, values: { ...values, createdBy } });
  });
}

export async function editCannedReply({ db, id, input }: { db: DbOrTx; id: string; input: unknown }): Promise<CannedReply> {
  const values = parseCannedReplyInput(input);
  const updated = await db.transaction(async (tx) => {
    await refuseTakenTitle(tx, values.title, id);
    return updateCannedReply({ db: tx, id, values });
  });
  if (!updated) throw new AppError("not_found", NOT_FOUND);
  return updated;
}

export async function removeCannedReply({ db, id }: { db: DbOrTx; id: string }): Promise<void> {
  if (!(await deleteCannedReply({ db, id }))) throw new AppError("not_found", NOT_FOUND);
}
