import type { DbOrTx, Transaction } from "@/db/client";
import { deleteSavedReply, findSavedReplyWithTitle, getSavedReply, insertSavedReply, updateSavedReply } from "@/db/queries/saved-replies";
import { ensureTag, findTagByName } from "@/db/queries/tags";
import { getUserById } from "@/db/queries/users";
import type { SavedReply, User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { checkMessagingPolicy } from "@/lib/policy/check";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { getMacroSettings } from "./settings";
import { fillSavedReply, unknownPlaceholderMessage, unknownSavedReplyPlaceholders } from "./template";
import { savedReplyInputSchema, type SavedReplyInput } from "./validation";

const NOT_FOUND = "This saved reply no longer exists. Someone may have deleted it.";
const CHECK_FIELDS = "Check the highlighted fields.";
export const AGENTS_MAY_NOT_CREATE = "Only admins create macros and saved replies here. Ask an admin to let agents create their own (Settings → Saved replies).";

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
  const policy = body === "" ? ({ ok: true } as const) : checkMessagingPolicy(fillSavedReply(body, {}));
  if (!policy.ok) {
    throw new AppError("bad_request", CHECK_FIELDS, {
      body: `This reply likely breaks the messaging policy (${policy.label}: “${policy.matched}”). Rephrase it.`,
    });
  }
  return parsed.data;
}

/**
 * What the actions name must be there: an agent who can take tickets, a tag to remove. A tag to
 * add is made if it is new (as tagging a ticket makes it), and held until the save ends.
 */
async function checkActionTargets(tx: Transaction, values: SavedReplyInput): Promise<void> {
  const errors: Record<string, string> = {};
  for (const [index, action] of values.actions.entries()) {
    if (action.type === "add_tag") await ensureTag({ tx, name: action.tag });
    if (action.type === "remove_tag" && !(await findTagByName({ db: tx, name: action.tag }))) {
      errors[`actions.${index}.tag`] = `No tag is called “${action.tag}”. Check the name, or pick one from the list.`;
    }
    if (action.type === "assign" && action.to === "agent") {
      const agent = await getUserById({ db: tx, id: action.userId! });
      if (!agent?.active) errors[`actions.${index}.userId`] = "That agent is deactivated or no longer here. Choose another.";
    }
  }
  if (Object.keys(errors).length) throw new AppError("bad_request", CHECK_FIELDS, errors);
}

/** Titles are how agents pick a reply from the composer's menu, so two they see may not differ only in case. */
async function refuseTakenTitle(tx: Transaction, title: string, ownerId: string | null, exceptId?: string): Promise<void> {
  const taken = await findSavedReplyWithTitle({ tx, title, ownerId, exceptId });
  if (taken) {
    const message = `A saved reply is already called “${taken.title}”. Choose another title, or edit that one.`;
    throw new AppError("conflict", message, { title: message });
  }
}

/**
 * Who may change what: admins every saved reply and macro; an agent their own only, and
 * only while admins let agents create their own. Anyone else's is "not found" to an agent.
 */
async function changeable(db: DbOrTx, id: string, actor: User): Promise<SavedReply> {
  const reply = await getSavedReply({ db, id });
  if (!reply || (actor.role !== "admin" && reply.ownerId !== actor.id)) throw new AppError("not_found", NOT_FOUND);
  return reply;
}

async function refuseAgentsUnlessAllowed(db: DbOrTx, actor: User): Promise<void> {
  if (actor.role === "admin") return;
  if (!(await getMacroSettings({ db })).agentsCreateOwn) throw new AppError("forbidden", AGENTS_MAY_NOT_CREATE);
}

/** An admin's is everyone's; an agent's is their own. */
export async function createSavedReply({ db, input, actor }: { db: DbOrTx; input: unknown; actor: User }): Promise<SavedReply> {
  await refuseAgentsUnlessAllowed(db, actor);
  const values = parseSavedReplyInput(input);
  const ownerId = actor.role === "admin" ? null : actor.id;
  return db.transaction(async (tx) => {
    await refuseTakenTitle(tx, values.title, ownerId);
    await checkActionTargets(tx, values);
    return insertSavedReply({ db: tx, values: { ...values, createdBy: actor.id, ownerId } });
  });
}

export async function editSavedReply({ db, id, input, actor }: { db: DbOrTx; id: string; input: unknown; actor: User }): Promise<SavedReply> {
  await refuseAgentsUnlessAllowed(db, actor);
  const values = parseSavedReplyInput(input);
  const updated = await db.transaction(async (tx) => {
    const reply = await changeable(tx, id, actor);
    await refuseTakenTitle(tx, values.title, reply.ownerId, id);
    await checkActionTargets(tx, values);
    return updateSavedReply({ db: tx, id, values });
  });
  if (!updated) throw new AppError("not_found", NOT_FOUND);
  return updated;
}

/** An agent may delete their own even after admins stop agents creating them. */
export async function removeSavedReply({ db, id, actor }: { db: DbOrTx; id: string; actor: User }): Promise<SavedReply> {
  const reply = await changeable(db, id, actor);
  if (!(await deleteSavedReply({ db, id }))) throw new AppError("not_found", NOT_FOUND);
  return reply;
}
