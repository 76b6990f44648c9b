import { getDb } from "@/db";
import { listTagNames } from "@/db/queries/tags";
import { listUsers } from "@/db/queries/users";
import type { SavedReply } from "@/db/schema";
import { integrationLimits } from "./integration-limits";
import { storedMacroActions } from "./macro";
import type { IntegrationLimit } from "./fit";

/** What the saved-reply and macro editor offers: integrations' limits, active agents to assign to, the tags there are. */
export async function savedReplyFormOptions(): Promise<{ integrations: IntegrationLimit[]; agents: { id: string; name: string }[]; tags: string[] }> {
  const db = await getDb();
  const [integrations, users, tags] = await Promise.all([integrationLimits(), listUsers({ db }), listTagNames({ db, limit: 1000 })]);
  return { integrations, agents: users.filter((user) => user.active).map(({ id, name }) => ({ id, name })), tags };
}

export function savedReplyDraftOf(reply: SavedReply) {
  return { id: reply.id, title: reply.title, body: reply.body, actions: storedMacroActions(reply.actions) };
}
