import "server-only";
import { and, asc, eq, gt, gte, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { customers, events, messages, ruleRuns, rules, smsIntegrations, tags, tickets, users, type Rule } from "../schema";
import { addTagToTicket } from "./tags";

export type RuleTriggerValue = Rule["trigger"];

export interface RuleValues {
  name: string;
  trigger: RuleTriggerValue;
  enabled: boolean;
  conditions: unknown[];
  actions: unknown[];
}

/** Every rule, in the order they run. */
export async function listRules({ db, enabledOnly = false }: { db: DbOrTx; enabledOnly?: boolean }): Promise<Rule[]> {
  return db
    .select()
    .from(rules)
    .where(enabledOnly ? eq(rules.enabled, true) : undefined)
    .orderBy(asc(rules.position), asc(rules.createdAt));
}

export async function getRule({ db, id }: { db: DbOrTx; id: string }): Promise<Rule | null> {
  const [row] = await db.select().from(rules).where(eq(rules.id, id));
  return row ?? null;
}

async function nextPosition(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ max: sql<number | null>`max(${rules.position})` }).from(rules);
  return (row?.max ?? 0) + 1;
}

/** Adds a rule at the end of the list. */
export async function insertRule({ db, values }: { db: DbOrTx; values: RuleValues }): Promise<Rule> {
  const [row] = await db
    .insert(rules)
    .values({ ...values, position: await nextPosition(db) })
    .returning();
  if (!row) throw new Error("rule insert returned nothing");
  return row;
}

export async function updateRule({ db, id, values }: { db: DbOrTx; id: string; values: Partial<RuleValues> }): Promise<Rule | null> {
  const [row] = await db
    .update(rules)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(rules.id, id))
    .returning();
  return row ?? null;
}

export async function deleteRule({ db, id }: { db: DbOrTx; id: string }): Promise<boolean> {
  const deleted = await db.delete(rules).where(eq(rules.id, id)).returning({ id: rules.id });
  return deleted.length > 0;
}

/** Puts a copy right after the original, moving the rules below it down one place. */
export async function insertRuleAfter({ db, after, values }: { db: DbOrTx; after: Rule; values: RuleValues }): Promise<Rule> {
  await db
    .update(rules)
    .set({ position: sql`${rules.position} + 1` })
    .where(gt(rules.position, after.position));
  const [row] = await db
    .insert(rules)
    .values({ ...values, position: after.position + 1 })
    .returning();
  if (!row) throw new Error("rule insert returned nothing");
  return row;
}

/** Locks a rule for a change that depends on its current position. */
export async function lockRule({ db, id }: { db: DbOrTx; id: string }): Promise<Rule | null> {
  const [row] = await db.select().from(rules).where(eq(rules.id, id)).for("update");
  return row ?? null;
}

/** Every rule, locked, in run order: for a reorder that must not race another. */
export async function lockRulesInOrder({ db }: { db: DbOrTx }): Promise<Rule[]> {
  return db.select().from(rules).orderBy(asc(rules.position), asc(rules.createdAt)).for("update");
}

/** Writes positions 1..n in the order given. */
export async function writeRuleOrder({ db, ids }: { db: DbOrTx; ids: readonly string[] }): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await db.update(rules).set({ position: index + 1 }).where(eq(rules.id, id));
  }
}

/**
 * Claims the one run of a rule for a message. Returns null when the rule already ran for
 * it (a retried job, a second worker), with the outcome it had then.
 */
export async function claimRuleRun({
  db,
  ruleId,
  ticketId,
  messageId,
}: {
  db: DbOrTx;
  ruleId: string;
  ticketId: string;
  messageId: string;
}): Promise<{ claimed: true; id: string } | { claimed: false; outcome: string }> {
  const [row] = await db
    .insert(ruleRuns)
    .values({ ruleId, ticketId, messageId, outcome: "running" })
    .onConflictDoNothing()
    .returning({ id: ruleRuns.id });
  if (row) return { claimed: true, id: row.id };
  const [existing] = await db
    .select({ outcome: ruleRuns.outcome })
    .from(ruleRuns)
    .where(and(eq(ruleRuns.ruleId, ruleId), eq(ruleRuns.messageId, messageId)));
  return { claimed: false, outcome: existing?.outcome ?? "unknown" };
}

export async function finishRuleRun({ db, id, outcome, autoReplied }: { db: DbOrTx; id: string; outcome: string; autoReplied: boolean }): Promise<void> {
  await db.update(ruleRuns).set({ outcome, autoReplied }).where(eq(ruleRuns.id, id));
}

/** Whether this rule auto-replied on this ticket since `since` (the 24-hour loop protection). */
export async function hasRecentAutoReply({ db, ruleId, ticketId, since }: { db: DbOrTx; ruleId: string; ticketId: string; since: Date }): Promise<boolean> {
  const [row] = await db
    .select({ id: ruleRuns.id })
    .from(ruleRuns)
    .where(and(eq(ruleRuns.ticketId, ticketId), eq(ruleRuns.ruleId, ruleId), gte(ruleRuns.createdAt, since), eq(ruleRuns.autoReplied, true)))
    .limit(1);
  return !!row;
}

export interface RuleIntegration {
  id: string;
  name: string;
  status: "active" | "deactivated";
  maxMessageLength: number;
}

/** The SMS integrations rules can point at (deleted ones are gone for good). */
export async function listRuleIntegrations({ db }: { db: DbOrTx }): Promise<RuleIntegration[]> {
  return db
    .select({ id: smsIntegrations.id, name: smsIntegrations.name, status: smsIntegrations.status, maxMessageLength: smsIntegrations.maxMessageLength })
    .from(smsIntegrations)
    .where(isNull(smsIntegrations.deletedAt))
    .orderBy(asc(smsIntegrations.name));
}

/** Active users, who can be assigned tickets. */
export async function listAssignableUsers({ db }: { db: DbOrTx }): Promise<{ id: string; name: string }[]> {
  return db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name));
}

/** The message rules run for, with its ticket locked so that rule runs on one ticket take turns. */
export async function loadMessageForRules({ db, messageId }: { db: DbOrTx; messageId: string }) {
  const [message] = await db.select().from(messages).where(eq(messages.id, messageId));
  if (!message) return null;
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, message.ticketId)).for("update");
  if (!ticket) return null;
  const [customer] = await db.select().from(customers).where(eq(customers.id, ticket.customerId));
  const [integration] = await db.select().from(smsIntegrations).where(eq(smsIntegrations.id, ticket.integrationId));
  if (!customer || !integration) return null;
  return { message, ticket, customer, integration };
}

/** Whether any message (from either side, notes aside) came before this one on its ticket. */
export async function hasEarlierMessage({ db, ticketId, before }: { db: DbOrTx; ticketId: string; before: { id: string; createdAt: Date } }): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), ne(messages.id, before.id), ne(messages.direction, "note"), lt(messages.createdAt, before.createdAt)))
    .limit(1);
  return !!row;
}

/** The opt-out or opt-in event (of `types`) inbound filing recorded for a message, OptOutType included. */
export async function findKeywordForMessage({
  db,
  ticketId,
  messageId,
  types,
}: {
  db: DbOrTx;
  ticketId: string;
  messageId: string;
  types: string[];
}): Promise<{ type: string; keyword: string } | null> {
  const [row] = await db
    .select({ type: events.type, data: events.data })
    .from(events)
    .where(and(eq(events.ticketId, ticketId), inArray(events.type, types), sql`${events.data}->>'messageId' = ${messageId}`))
    .limit(1);
  if (!row) return null;
  return { type: row.type, keyword: typeof row.data.keyword === "string" ? row.data.keyword : "" };
}

export async function setTicketAssignee({ db, ticketId, assigneeId }: { db: DbOrTx; ticketId: string; assigneeId: string }): Promise<void> {
  await db.update(tickets).set({ assigneeId }).where(eq(tickets.id, ticketId));
}

/** Adds a tag (normalised already) once, making it when new; false when the ticket had it already. */
export async function addTicketTag({ db, ticketId, tag }: { db: DbOrTx; ticketId: string; tag: string }): Promise<boolean> {
  await db.insert(tags).values({ name: tag }).onConflictDoNothing();
  return addTagToTicket({ db, ticketId, name: tag });
}

/** Closes an open ticket; false when it was closed already. */
export async function closeTicket({ db, ticketId, now }: { db: DbOrTx; ticketId: string; now: Date }): Promise<boolean> {
  const updated = await db
    .update(tickets)
    .set({ status: "closed", closedAt: now })
    .where(and(eq(tickets.id, ticketId), eq(tickets.status, "open")))
    .returning({ id: tickets.id });
  return updated.length > 0;
}
