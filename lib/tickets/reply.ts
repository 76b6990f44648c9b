import type { Database, Transaction } from "@/db/client";
import { deleteDraft } from "@/db/queries/drafts";
import { recordEvent } from "@/db/queries/events";
import { getMessage, listMessagesArrivedAfter } from "@/db/queries/messages";
import { getMacroRun, setMacroRunMessage } from "@/db/queries/saved-replies";
import { findOpenTicket, getTicket, updateTicket } from "@/db/queries/tickets";
import type { Message, Ticket, User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { kickJobWorker } from "@/lib/jobs/kick";
import { prepareOutgoingFiles, type OutgoingFile } from "@/lib/outbound/files";
import { insertOutboundMessage } from "@/lib/outbound/queue";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { CollisionWarning } from "./collision";
import { TICKET_EVENTS } from "./events";
import { claimMacro, prepareMacro, runMacroActions, type MacroApplication, type ReadyMacro } from "./macro";

export interface AgentReply {
  ticketId: string;
  author: User;
  body: string;
  attachments?: readonly OutgoingFile[];
  policyOverride?: string | null;
  /** The latest message the agent had seen when they began writing; absent, nothing is checked. */
  basisMessageId?: string | null;
  /** "Send & close". */
  close?: boolean;
  /** A macro applied in the composer: its actions run with the reply. */
  macro?: MacroApplication | null;
}

async function setStatus(tx: Transaction, ticket: Ticket, status: "open" | "closed", actor: User, data?: Record<string, unknown>): Promise<void> {
  if (ticket.status === status) return;
  if (status === "open") {
    const other = await findOpenTicket({ db: tx, integrationId: ticket.integrationId, customerId: ticket.customerId });
    if (other) throw new AppError("conflict", "This customer already has an open ticket on this number. Reply there; this one stays closed.");
  }
  // Closing ends a snooze, as closing from the header does.
  await updateTicket({ db: tx, id: ticket.id, changes: status === "closed" ? { status, closedAt: new Date(), snoozedUntil: null } : { status, closedAt: null } });
  await recordEvent({ db: tx, ticketId: ticket.id, type: status === "closed" ? TICKET_EVENTS.closed : TICKET_EVENTS.reopened, actorId: actor.id, data });
}

async function lockedTicket(tx: Transaction, ticketId: string): Promise<Ticket> {
  const ticket = await getTicket({ db: tx, id: ticketId, forUpdate: true });
  if (!ticket) throw new AppError("not_found", "This ticket does not exist.");
  return ticket;
}

function refuseSnoozeAndClose(ready: ReadyMacro | null, close: boolean | undefined): void {
  if (ready?.snoozes && close) {
    throw new AppError("bad_request", `The macro “${ready.macro.title}” snoozes the ticket, so it cannot be closed as well. Use Send, or remove the macro.`);
  }
}

/** The message a first send of this macro application stored: a retried send answers with it and does nothing again. */
async function alreadySent(tx: Transaction, runId: string): Promise<Message> {
  const run = await getMacroRun({ db: tx, id: runId });
  const message = run?.messageId ? await getMessage({ db: tx, id: run.messageId }) : null;
  if (!message) throw new AppError("conflict", "This macro was applied to this ticket already. Apply it again to run it once more.");
  return message;
}

/**
 * An agent's reply, in one transaction with what it does to the ticket: a closed ticket
 * opens again (or stays closed with "Send & close"), a macro's actions run, and the agent's
 * reply draft of this text is gone. News the agent has not seen stops it first (CollisionWarning); so
 * does a macro that cannot run (a tag gone, an agent deactivated), changing nothing.
 */
export async function sendAgentReply({ db, ...reply }: AgentReply & { db: Database }): Promise<Message> {
  // Pictures are converted first: that takes a while, and must not hold the ticket's lock.
  const attachments = await prepareOutgoingFiles(reply.attachments ?? []);
  const message = await db.transaction(async (tx) => {
    const ready = reply.macro ? await prepareMacro(tx, reply.macro.savedReplyId, reply.author) : null;
    refuseSnoozeAndClose(ready, reply.close);
    const ticket = await lockedTicket(tx, reply.ticketId);
    if (reply.macro && !(await claimMacro(tx, reply.macro, ticket, reply.author))) return alreadySent(tx, reply.macro.runId);
    if (reply.basisMessageId) {
      const arrived = await listMessagesArrivedAfter({ db: tx, ticketId: ticket.id, afterMessageId: reply.basisMessageId, exceptAuthorId: reply.author.id });
      if (arrived.length > 0) throw new CollisionWarning(arrived);
    }
    const target = reply.close || ready?.closes ? "closed" : "open";
    // Reopening is checked before anything is stored, so a refusal leaves nothing half-sent.
    if (target === "open") await setStatus(tx, ticket, "open", reply.author);
    const message = await insertOutboundMessage(tx, {
      ticketId: ticket.id,
      body: reply.body,
      attachments,
      authorId: reply.author.id,
      policyOverride: reply.policyOverride ?? null,
    });
    if (ready && reply.macro) {
      await runMacroActions(tx, { ticket, ready, actor: reply.author, timeZone: reply.macro.timeZone });
      await setMacroRunMessage({ tx, id: reply.macro.runId, messageId: message.id });
    }
    if (target === "closed") await setStatus(tx, ticket, "closed", reply.author, ready?.closes && !reply.close ? { macro: ready.macro.title } : undefined);
    await deleteDraft({ db: tx, userId: reply.author.id, ticketId: ticket.id, kind: "reply", sent: reply.body });
    return message;
  });
  kickJobWorker();
  return message;
}

/**
 * A macro's actions on their own, without sending anything (Apply, for a macro with no text).
 * `applied` is false when this application ran already (a retry): nothing ran again.
 */
export async function applyMacro({ db, ticketId, actor, macro }: { db: Database; ticketId: string; actor: User; macro: MacroApplication }): Promise<{ applied: boolean }> {
  const applied = await db.transaction(async (tx) => {
    const ready = await prepareMacro(tx, macro.savedReplyId, actor);
    if (ready.actions.length === 0) throw new AppError("bad_request", `“${ready.macro.title}” has no actions to apply. Insert it and send it as a reply.`);
    const ticket = await lockedTicket(tx, ticketId);
    if (ready.snoozes && ticket.status !== "open") throw new AppError("conflict", "Only an open ticket can be snoozed. Reopen it first, then apply the macro.");
    if (!(await claimMacro(tx, macro, ticket, actor))) return false;
    await runMacroActions(tx, { ticket, ready, actor, timeZone: macro.timeZone });
    if (ready.closes && ticket.status !== "closed") {
      await setStatus(tx, ticket, "closed", actor, { macro: ready.macro.title });
      await updateTicket({ db: tx, id: ticket.id, changes: { waitingSince: null } });
      await publishInboxEvent({ db: tx, event: { type: "ticket.updated", ticketId: ticket.id, customerId: ticket.customerId } });
    }
    return true;
  });
  kickJobWorker();
  return { applied };
}
