import type { Transaction } from "@/db/client";
import { recordEvent } from "@/db/queries/events";
import { closeTicket, hasRecentAutoReply, setTicketAssignee } from "@/db/queries/rules";
import { addTagToTicket, ensureTag } from "@/db/queries/tags";
import { AppError } from "@/lib/errors";
import { insertOutboundMessage } from "@/lib/outbound/queue";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { checkTagName } from "@/lib/tags/name";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import { userName, type RuleNames } from "./describe";
import { AUTO_REPLY_QUIET_HOURS, autoReplyBlock, replyAcceptable, type AutoReplyFacts } from "./guards";
import { applyToSubject, type RuleSubject } from "./match";
import { renderForCustomer, type TemplateValues } from "./template";
import type { RuleAction } from "./validation";

/** What one rule run knows while it acts on the ticket, inside the run's transaction. */
export interface ActionContext {
  tx: Transaction;
  rule: { id: string; name: string };
  ticketId: string;
  now: Date;
  names: RuleNames;
  replyFacts: Omit<AutoReplyFacts, "repliedRecently">;
  values: TemplateValues;
  maxLength: number;
}

export type ActionResult =
  | { kind: "done"; summary: string; action: RuleAction["type"]; messageId?: string }
  | { kind: "skipped"; summary: string; action: RuleAction["type"] };

/** "This message is…." → "this message is…", to follow "no auto-reply: "; "SMS…" stays. */
function midSentence(message: string): string {
  const trimmed = message.replace(/\.$/, "");
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1) : trimmed;
}

async function sendAutoReply(context: ActionContext, template: string): Promise<ActionResult> {
  const { tx, rule, ticketId, now } = context;
  const since = new Date(now.getTime() - AUTO_REPLY_QUIET_HOURS * 3_600_000);
  const repliedRecently = await hasRecentAutoReply({ db: tx, ruleId: rule.id, ticketId, since });
  const block = autoReplyBlock({ ...context.replyFacts, repliedRecently });
  if (block) return { kind: "skipped", action: "auto_reply", summary: `no auto-reply: ${block}` };
  const body = renderForCustomer(template, context.values, (text) => replyAcceptable(text, context.maxLength));
  try {
    // A savepoint: a refused reply (too long, policy) leaves the rest of the run intact.
    const message = await tx.transaction((savepoint) => insertOutboundMessage(savepoint, { ticketId, body, ruleId: rule.id, ruleName: rule.name }));
    return { kind: "done", action: "auto_reply", summary: "sent an auto-reply", messageId: message.id };
  } catch (error) {
    if (error instanceof AppError) return { kind: "skipped", action: "auto_reply", summary: `no auto-reply: ${midSentence(error.message)}` };
    throw error;
  }
}

async function perform(context: ActionContext, action: RuleAction, subject: RuleSubject): Promise<ActionResult> {
  const { tx, ticketId, rule, names } = context;
  const by = { ruleId: rule.id, ruleName: rule.name };
  switch (action.type) {
    case "auto_reply":
      return sendAutoReply(context, action.text);
    case "assign": {
      const name = names.users[action.userId];
      if (!name) return { kind: "skipped", action: action.type, summary: `not assigned: ${userName(names, action.userId)} cannot take tickets` };
      if (subject.assigneeId === action.userId) return { kind: "skipped", action: action.type, summary: `already assigned to ${name}` };
      await setTicketAssignee({ db: tx, ticketId, assigneeId: action.userId });
      await recordEvent({ db: tx, ticketId, type: TICKET_EVENTS.assigned, data: { assigneeId: action.userId, assigneeName: name, ...by } });
      // The assignee hears of it as of an assignment by a colleague ("Ticket assigned to you").
      await publishInboxEvent({ db: tx, event: { type: "ticket.assigned", ticketId, assigneeId: action.userId, actorId: null } });
      return { kind: "done", action: action.type, summary: `assigned to ${name}` };
    }
    case "add_tag": {
      // Rules saved before tag names had their rules are held to them here too.
      const checked = checkTagName(action.tag);
      if (!checked.ok) return { kind: "skipped", action: action.type, summary: `the tag “${action.tag}” was not added: ${checked.message}` };
      const { created } = await ensureTag({ tx, name: checked.name });
      if (created) await publishInboxEvent({ db: tx, event: { type: "tags.changed" } });
      const added = await addTagToTicket({ db: tx, ticketId, name: checked.name });
      return added
        ? { kind: "done", action: action.type, summary: `added the tag “${checked.name}”` }
        : { kind: "skipped", action: action.type, summary: `the tag “${checked.name}” was there already` };
    }
    case "close_ticket": {
      if (!(await closeTicket({ db: tx, ticketId, now: context.now }))) return { kind: "skipped", action: action.type, summary: "the ticket was closed already" };
      await recordEvent({ db: tx, ticketId, type: TICKET_EVENTS.closed, data: by });
      return { kind: "done", action: action.type, summary: "closed the ticket" };
    }
    case "stop_rules":
      return { kind: "done", action: action.type, summary: "stopped further rules" };
  }
}

/** Does a matched rule's actions in order; later actions and rules see the ticket as earlier ones left it. */
export async function performActions(
  context: ActionContext,
  actions: readonly RuleAction[],
  subject: RuleSubject,
): Promise<{ results: ActionResult[]; subject: RuleSubject }> {
  const results: ActionResult[] = [];
  let current = subject;
  for (const action of actions) {
    const result = await perform(context, action, current);
    results.push(result);
    if (result.kind === "done") current = applyToSubject(current, action);
  }
  return { results, subject: current };
}
