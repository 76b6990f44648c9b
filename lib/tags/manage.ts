import type { Database, Transaction } from "@/db/client";
import { recordEvent } from "@/db/queries/events";
import {
  addTagToTicket,
  deleteTagEverywhere,
  ensureTag,
  findTagByName,
  getTag,
  listRulesAddingTag,
  mergeTagInto,
  removeTagFromTicket,
  renameTagEverywhere,
} from "@/db/queries/tags";
import { listSavedRepliesUsingTag, setSavedReplyActions } from "@/db/queries/saved-replies";
import { getTicket } from "@/db/queries/tickets";
import type { Tag, User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { retargetMacroActions, storedMacroActions } from "@/lib/saved-replies/macro";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import { checkTagName } from "./name";

function validName(raw: string): string {
  const checked = checkTagName(raw);
  if (!checked.ok) throw new AppError("bad_request", checked.message, { name: checked.message });
  return checked.name;
}

async function lockedTicket(tx: Transaction, ticketId: string) {
  const ticket = await getTicket({ db: tx, id: ticketId, forUpdate: true });
  if (!ticket) throw new AppError("not_found", "This ticket does not exist.");
  return ticket;
}

/**
 * An agent tags a ticket by hand: an existing tag (any case) or a new one, made on the way.
 * The timeline says who added it; every open inbox hears of it. Adding a tag the ticket has
 * changes nothing. Returns the tag's name as stored.
 */
export async function tagTicket({ db, ticketId, name, actor }: { db: Database; ticketId: string; name: string; actor: User }): Promise<{ name: string; added: boolean }> {
  const clean = validName(name);
  return db.transaction(async (tx) => {
    // The tag first, then the ticket: the order an admin's rename, merge or delete takes them
    // in (the tag, then its tickets), so the two wait for each other instead of deadlocking.
    const { created } = await ensureTag({ tx, name: clean });
    await lockedTicket(tx, ticketId);
    const added = await addTagToTicket({ db: tx, ticketId, name: clean });
    if (added) {
      await recordEvent({ db: tx, ticketId, type: TICKET_EVENTS.tagAdded, actorId: actor.id, data: { tag: clean } });
      await publishInboxEvent({ db: tx, event: { type: "ticket.updated", ticketId } });
    }
    if (created) await publishInboxEvent({ db: tx, event: { type: "tags.changed" } });
    return { name: clean, added };
  });
}

/** An agent takes a tag off a ticket; the timeline says who. Taking off a tag it does not have changes nothing. */
export async function untagTicket({ db, ticketId, name, actor }: { db: Database; ticketId: string; name: string; actor: User }): Promise<{ removed: boolean }> {
  const clean = validName(name);
  return db.transaction(async (tx) => {
    await lockedTicket(tx, ticketId);
    const removed = await removeTagFromTicket({ db: tx, ticketId, name: clean });
    if (removed) {
      await recordEvent({ db: tx, ticketId, type: TICKET_EVENTS.tagRemoved, actorId: actor.id, data: { tag: clean } });
      await publishInboxEvent({ db: tx, event: { type: "ticket.updated", ticketId } });
    }
    return { removed };
  });
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

const GONE = "This tag no longer exists. Someone may have merged or deleted it; reload the page.";

/** Locks the tag (an agent tagging a ticket with it meanwhile is waited for), or says it is gone. */
async function lockedTag(tx: Transaction, id: string): Promise<Tag> {
  const tag = await getTag({ db: tx, id, forUpdate: true });
  if (!tag) throw new AppError("not_found", GONE);
  return tag;
}

/** Macros that add or remove `from` name `to` instead (a merge that leaves one twice keeps the first). */
async function retargetMacros(tx: Transaction, from: string, to: string): Promise<void> {
  for (const macro of await listSavedRepliesUsingTag({ tx, name: from })) {
    await setSavedReplyActions({ tx, id: macro.id, actions: retargetMacroActions(storedMacroActions(macro.actions), from, to) });
  }
}

export interface TagChange {
  name: string;
  previousName?: string;
  into?: string;
  tickets: number;
}

/**
 * Renames a tag on every ticket, in the rules that add it and the macros that add or remove it. A name another tag has already
 * (in any case) is refused: merging is the way to make two tags one.
 */
export async function renameTag({ tx, id, name }: { tx: Transaction; id: string; name: string }): Promise<TagChange> {
  const clean = validName(name);
  const tag = await lockedTag(tx, id);
  if (tag.name === clean) throw new AppError("bad_request", `“${clean}” is this tag's name already.`, { name: "Type a different name." });
  const taken = () => {
    const message = `A tag named “${clean}” exists already. To make the two one tag, merge “${tag.name}” into it.`;
    return new AppError("conflict", message, { name: message });
  };
  if (await findTagByName({ db: tx, name: clean })) throw taken();
  await retargetMacros(tx, tag.name, clean);
  // An agent may make a tag of that name meanwhile: the unique index refuses the rename then.
  const tickets = await tx.transaction((savepoint) => renameTagEverywhere({ tx: savepoint, tag, name: clean })).catch((error: unknown) => {
    throw isUniqueViolation(error) ? taken() : error;
  });
  await publishInboxEvent({ db: tx, event: { type: "tags.changed" } });
  return { name: clean, previousName: tag.name, tickets };
}

/** Makes two tags one: every ticket, rule and macro with `id`'s tag gets `intoId`'s instead, and the first tag goes. */
export async function mergeTag({ tx, id, intoId }: { tx: Transaction; id: string; intoId: string }): Promise<TagChange> {
  if (id === intoId) throw new AppError("bad_request", "Choose another tag to merge into.", { intoId: "Choose another tag." });
  // Both locked, in one order whoever merges which way, so two opposite merges cannot deadlock.
  const [first, second] = [id, intoId].sort();
  const locked = new Map([[first!, await lockedTag(tx, first!)], [second!, await lockedTag(tx, second!)]]);
  const from = locked.get(id)!;
  const into = locked.get(intoId)!;
  await retargetMacros(tx, from.name, into.name);
  const tickets = await mergeTagInto({ tx, from, into });
  await publishInboxEvent({ db: tx, event: { type: "tags.changed" } });
  return { name: from.name, into: into.name, tickets };
}

/**
 * Deletes a tag and takes it off every ticket. Refused while a rule adds it (the rule would
 * make it again at its next run) or a macro adds or removes it: the admin changes those first.
 */
export async function deleteTag({ tx, id }: { tx: Transaction; id: string }): Promise<TagChange> {
  const tag = await lockedTag(tx, id);
  const adding = await listRulesAddingTag({ db: tx, name: tag.name });
  if (adding.length) {
    const names = adding.map((rule) => `“${rule}”`).join(", ");
    throw new AppError(
      "conflict",
      `${adding.length === 1 ? "The rule" : "The rules"} ${names} ${adding.length === 1 ? "adds" : "add"} this tag. Change ${adding.length === 1 ? "it" : "them"} under Settings → Rules first, then delete the tag.`,
    );
  }
  const macros = await listSavedRepliesUsingTag({ tx, name: tag.name });
  if (macros.length) {
    const names = macros.map((macro) => `“${macro.title}”${macro.ownerId ? " (an agent's own)" : ""}`).join(", ");
    throw new AppError(
      "conflict",
      `${macros.length === 1 ? "The macro" : "The macros"} ${names} ${macros.length === 1 ? "uses" : "use"} this tag. Change or delete ${macros.length === 1 ? "it" : "them"} under Settings → Saved replies first, then delete the tag.`,
    );
  }
  const tickets = await deleteTagEverywhere({ tx, tag });
  await publishInboxEvent({ db: tx, event: { type: "tags.changed" } });
  return { name: tag.name, tickets };
}
