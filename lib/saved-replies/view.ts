import type { DbOrTx } from "@/db/client";
import { listUsers } from "@/db/queries/users";
import type { SavedReply } from "@/db/schema";
import { describeMacroActions, storedMacroActions, type MacroAction } from "./macro";

/** A saved reply or macro as a page or the composer shows it: its actions, and those in words. */
export interface SavedReplyView {
  id: string;
  title: string;
  body: string;
  actions: MacroAction[];
  /** "add tag vip · assign to you · close"; empty without actions. */
  summary: string;
  /** Whose own it is (null: everyone's), by name. */
  ownerName: string | null;
  ownerId: string | null;
}

/** Every user by id, for naming assignees and owners; deactivated agents keep their names. */
export async function agentNames({ db }: { db: DbOrTx }): Promise<Map<string, string>> {
  return new Map((await listUsers({ db })).map((user) => [user.id, user.name]));
}

export function savedReplyView(reply: SavedReply, names: ReadonlyMap<string, string>, viewerId?: string): SavedReplyView {
  const actions = storedMacroActions(reply.actions);
  return {
    id: reply.id,
    title: reply.title,
    body: reply.body,
    actions,
    summary: describeMacroActions(actions, { viewerId, agentNames: names }),
    ownerId: reply.ownerId,
    ownerName: reply.ownerId ? (names.get(reply.ownerId) ?? "an agent") : null,
  };
}
