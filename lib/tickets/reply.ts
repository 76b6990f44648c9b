import type { Database, Transaction } from "@/db/client";
import { deleteDraft } from "@/db/queries/drafts";
import { recordEvent } from "@/db/queries/events";
import { listMessagesArrivedAfter } from "@/db/queries/messages";
import { findOpenTicket, getTicket, updateTicket } from "@/db/queries/tickets";
import type { Message, Ticket, User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { kickJobWorker } from "@/lib/jobs/kick";
import { prepareOutgoingFiles, type OutgoingFile } from "@/lib/outbound/files";
import { insertOutboundMessage } from "@/lib/outbound/queue";
import { CollisionWarning } from "./collision";
import { TICKET_EVENTS } from "./events";

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
}

async function setStatus(tx: Transaction, ticket: Ticket, status: "open" | "closed", actor: User): Promise<void> {
  if (ticket.status === status) return;
  if (status === "open") {
    const other = await findOpenTicket({ db: tx, integrationId: ticket.integrationId, customerId: ticket.customerId });
    if (other) throw new AppError("conflict", "This customer already has an open ticket on this number. Reply there; this one stays closed.");
  }
  await updateTicket({ db: tx, id: ticket.id, changes: status === "closed" ? { status, closedAt: new Date() } : { status, closedAt: null } });
  await recordEvent({ db: tx, ticketId: ticket.id, type: status === "closed" ? TICKET_EVENTS.closed : TICKET_EVENTS.reopened, actorId: actor.id });
}

/**
 * An agent's reply, in one transaction with what it does to the ticket: a closed ticket
 * opens again (or stays closed with "Send & close"), and the agent's reply draft is gone.
 * News the agent has not seen stops it first (CollisionWarning).
 */
export async function sendAgentReply({ db, ...reply }: AgentReply & { db: Database }): Promise<Message> {
  // Pictures are converted first: that takes a while, and must not hold the ticket's lock.
  const attachments = await prepareOutgoingFiles(reply.attachments ?? []);
  const message = await db.transaction(async (tx) => {
    const ticket = await getTicket({ db: tx, id: reply.ticketId, forUpdate: true });
    if (!ticket) throw new AppError("not_found", "This ticket does not exist.");
    if (reply.basisMessageId) {
      const arrived = await listMessagesArrivedAfter({ db: tx, ticketId: ticket.id, afterMessageId: reply.basisMessageId, exceptAuthorId: reply.author.id });
      if (arrived.length > 0) throw new CollisionWarning(arrived);
    }
    const target = reply.close ? "closed" : "open";
    // Reopening is checked before anything is stored, so a refusal leaves nothing half-sent.
    if (target === "open") await setStatus(tx, ticket, "open", reply.author);
    const message = await insertOutboundMessage(tx, {
      ticketId: ticket.id,
      body: reply.body,
      attachments,
      authorId: reply.author.id,
      policyOverride: reply.policyOverride ?? null,
    });
    if (target === "closed") await setStatus(tx, ticket, "closed", reply.author);
    await deleteDraft({ db: tx, userId: reply.author.id, ticketId: ticket.id, kind: "reply" });
    return message;
  });
  kickJobWorker();
  return message;
}
