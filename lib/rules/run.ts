import type { Database, Transaction } from "@/db/client";
import { getOptOut } from "@/db/queries/customers";
import { recordEvent } from "@/db/queries/events";
import {
  claimRuleRun,
  findKeywordForMessage,
  finishRuleRun,
  hasEarlierMessage,
  listAssignableUsers,
  listRuleIntegrations,
  listRules,
  loadMessageForRules,
} from "@/db/queries/rules";
import type { Rule } from "@/db/schema";
import { classifyKeyword, type CarrierKeyword } from "@/lib/inbound/keywords";
import type { JobHandler } from "@/lib/jobs/catalog";
import { kickJobWorker } from "@/lib/jobs/kick";
import { log } from "@/lib/log";
import { isCountryAllowed } from "@/lib/phone/countries";
import { countryOfCustomer } from "@/lib/phone/normalize";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import type { RuleNames } from "./describe";
import { performActions, type ActionContext, type ActionResult } from "./effects";
import { matchConditions, triggerApplies, type MatchEnvironment, type RuleSubject } from "./match";
import { getBusinessHours } from "./store";
import { storedRuleSchema } from "./validation";
import { listExtraAllowedCountryCodes } from "@/lib/integrations/countries";

/** The timeline event every rule run leaves: data { ruleId, ruleName, messageId, matched, summary, done, skipped }. */
export const RULE_RAN_EVENT = TICKET_EVENTS.ruleRun;

type Loaded = NonNullable<Awaited<ReturnType<typeof loadMessageForRules>>>;

async function messageKeyword(tx: Transaction, loaded: Loaded): Promise<CarrierKeyword | null> {
  const fromBody = classifyKeyword(loaded.message.body);
  if (fromBody) return fromBody;
  // OptOutType=STOP can come with a body that is not a keyword on its own; filing recorded it.
  const recorded = await findKeywordForMessage({
    db: tx,
    ticketId: loaded.ticket.id,
    messageId: loaded.message.id,
    types: [TICKET_EVENTS.optedOut, TICKET_EVENTS.optedIn],
  });
  if (!recorded) return null;
  return { kind: recorded.type === TICKET_EVENTS.optedOut ? "opt-out" : "opt-in", keyword: recorded.keyword || "STOP" };
}

async function namesFor(tx: Transaction): Promise<{ names: RuleNames; integrations: Awaited<ReturnType<typeof listRuleIntegrations>> }> {
  const integrations = await listRuleIntegrations({ db: tx });
  const users = await listAssignableUsers({ db: tx });
  return {
    integrations,
    names: { integrations: Object.fromEntries(integrations.map((i) => [i.id, i.name])), users: Object.fromEntries(users.map((u) => [u.id, u.name])) },
  };
}

function summaryOf(results: readonly ActionResult[]): string {
  return `${results.map((result) => result.summary).join("; ")}.`;
}

function sentMessageId(results: readonly ActionResult[]): string | null {
  for (const result of results) if (result.kind === "done" && result.messageId) return result.messageId;
  return null;
}

interface RunTally {
  ran: number;
  autoReplies: number;
}

interface RunState {
  tx: Transaction;
  loaded: Loaded;
  environment: MatchEnvironment;
  base: Omit<ActionContext, "tx" | "rule">;
  tally: RunTally;
}

async function runOneRule(state: RunState, rule: Rule, subject: RuleSubject): Promise<{ subject: RuleSubject; stop: boolean }> {
  const { tx, loaded, environment, base, tally } = state;
  const claim = await claimRuleRun({ db: tx, ruleId: rule.id, ticketId: loaded.ticket.id, messageId: loaded.message.id });
  // Ran already (a retried job): its effects are in; only its "stop" still matters.
  if (!claim.claimed) return { subject, stop: claim.outcome === "stopped" };
  tally.ran++;
  const event = { ruleId: rule.id, ruleName: rule.name, messageId: loaded.message.id };
  const stored = storedRuleSchema.safeParse({ conditions: rule.conditions, actions: rule.actions });
  if (!stored.success) {
    await finishRuleRun({ db: tx, id: claim.id, outcome: "invalid", autoReplied: false });
    await recordEvent({ db: tx, ticketId: loaded.ticket.id, type: RULE_RAN_EVENT, data: { ...event, matched: false, summary: "did nothing: it could not be read. Open it in Settings → Rules and save it again." } });
    return { subject, stop: false };
  }
  const match = matchConditions(stored.data.conditions, subject, environment);
  if (!match.ok) {
    await finishRuleRun({ db: tx, id: claim.id, outcome: "no_match", autoReplied: false });
    await recordEvent({ db: tx, ticketId: loaded.ticket.id, type: RULE_RAN_EVENT, data: { ...event, matched: false, summary: `did nothing: ${match.reason}.` } });
    return { subject, stop: false };
  }
  const { results, subject: after } = await performActions({ ...base, tx, rule: { id: rule.id, name: rule.name } }, stored.data.actions, subject);
  const autoReplied = results.some((result) => result.kind === "done" && result.action === "auto_reply");
  const stop = stored.data.actions.some((action) => action.type === "stop_rules");
  if (autoReplied) tally.autoReplies++;
  await finishRuleRun({ db: tx, id: claim.id, outcome: stop ? "stopped" : "done", autoReplied });
  await recordEvent({
    db: tx,
    ticketId: loaded.ticket.id,
    type: RULE_RAN_EVENT,
    data: {
      ...event,
      matched: true,
      summary: summaryOf(results),
      done: results.filter((result) => result.kind === "done").map((result) => result.summary),
      skipped: results.filter((result) => result.kind === "skipped").map((result) => result.summary),
      autoReplyMessageId: sentMessageId(results),
    },
  });
  return { subject: after, stop };
}

/**
 * Runs the enabled rules, in order, for one inbound message, in one transaction. Each rule
 * claims its (rule, message) row first, so running again (a retry, a second worker, a job
 * left behind by a crash) does nothing twice; its effects commit with that row or not at all.
 */
export async function runRulesForMessage({ db, messageId, ticketCreated, now = new Date() }: { db: Database; messageId: string; ticketCreated: boolean; now?: Date }): Promise<RunTally> {
  const tally: RunTally = { ran: 0, autoReplies: 0 };
  await db.transaction(async (tx) => {
    const loaded = await loadMessageForRules({ db: tx, messageId });
    if (!loaded || loaded.message.direction !== "inbound") return;
    const rules = await listRules({ db: tx, enabledOnly: true });
    if (rules.length === 0) return;
    const { ticket, customer, integration, message } = loaded;
    const { names } = await namesFor(tx);
    const country = countryOfCustomer(customer.phoneE164, customer.country);
    const optOut = await getOptOut({ db: tx, customerId: customer.id, businessE164: integration.phoneE164 });
    const environment: MatchEnvironment = { businessHours: await getBusinessHours({ db: tx }), names };
    let subject: RuleSubject = {
      ticketCreated,
      isFirstMessage: ticketCreated || !(await hasEarlierMessage({ db: tx, ticketId: ticket.id, before: message })),
      body: message.body,
      receivedAt: message.createdAt,
      integrationId: integration.id,
      customerCountry: country,
      assigneeId: ticket.assigneeId,
      ticketStatus: ticket.status,
      tags: ticket.tags,
    };
    const base: Omit<ActionContext, "tx" | "rule"> = {
      ticketId: ticket.id,
      now,
      names,
      maxLength: integration.maxMessageLength,
      values: { customerName: customer.name, integrationName: integration.name },
      replyFacts: {
        keyword: await messageKeyword(tx, loaded),
        integration: { name: integration.name, active: integration.status === "active" && !integration.deletedAt },
        optedOut: optOut?.optedOut ?? false,
        country,
        countryAllowed: isCountryAllowed(country, await listExtraAllowedCountryCodes({ db: tx })),
      },
    };
    for (const rule of rules) {
      if (!triggerApplies(rule.trigger, subject)) continue;
      const result = await runOneRule({ tx, loaded, environment, base, tally }, rule, subject);
      subject = result.subject;
      if (result.stop) break;
    }
    if (tally.ran > 0) await publishInboxEvent({ db: tx, event: { type: "ticket.updated", ticketId: ticket.id, customerId: ticket.customerId } });
  });
  return tally;
}

/** The "rules.run" job: enqueued with the inbound message, so a crash before it runs only delays it. */
export const runRulesJob: JobHandler<"rules.run"> = async ({ db, payload }) => {
  const tally = await runRulesForMessage({ db, ...payload });
  if (tally.ran > 0) log.info({ messageId: payload.messageId, rules: tally.ran, autoReplies: tally.autoReplies }, "rules ran");
  // The auto-replies' send jobs are committed now: hand them to Twilio without waiting for the next poll.
  if (tally.autoReplies > 0) kickJobWorker();
};
