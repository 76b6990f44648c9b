import type { Database, Transaction as Tx } from "@/db/client";
import { markAttachmentPending, getAttachment } from "@/db/queries/attachments";
import { getCustomer, updateCustomerName } from "@/db/queries/customers";
import { recordEvent } from "@/db/queries/events";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { insertMessage } from "@/db/queries/messages";
import { markReadUpToLatest } from "@/db/queries/ticket-reads";
import { findOpenTicket, getTicket, updateTicket } from "@/db/queries/tickets";
import { getUserById } from "@/db/queries/users";
import type { Message, Ticket, User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { kickJobWorker } from "@/lib/jobs/kick";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { isTwilioMediaUrl } from "@/lib/inbound/media-host";
import { TICKET_EVENTS } from "./events";

async function lockedTicket(tx: Tx, ticketId: string): Promise<Ticket> {
  const ticket = await getTicket({ db: tx, id: ticketId, forUpdate: true });
  if (!ticket) throw new AppError("not_found", "This ticket does not exist.");
  return ticket;
}

/** With the customer when the change shows in their other tickets' panels (status). */
async function ticketChanged(tx: Tx, ticketId: string, customerId?: string) {
  await publishInboxEvent({ db: tx, event: { type: "ticket.updated", ticketId, customerId } });
}

/** Assigns to an active user, or unassigns with null. Assigning to the current assignee changes nothing. */
export async function assignTicket({ db, ticketId, assigneeId, actor }: { db: Database; ticketId: string; assigneeId: string | null; actor: User }): Promise<Ticket> {
  return db.transaction(async (tx) => {
    const ticket = await lockedTicket(tx, ticketId);
    if (ticket.assigneeId === assigneeId) return ticket;
    const assignee = assigneeId ? await getUserById({ db: tx, id: assigneeId }) : null;
    if (assigneeId && !assignee?.active) throw new AppError("bad_request", "That agent does not exist or is deactivated.");
    const updated = (await updateTicket({ db: tx, id: ticketId, changes: { assigneeId } }))!;
    await recordEvent({
      db: tx,
      ticketId,
      type: assignee ? TICKET_EVENTS.assigned : TICKET_EVENTS.unassigned,
      actorId: actor.id,
      data: assignee ? { assigneeId: assignee.id, assigneeName: assignee.name } : {},
    });
    await ticketChanged(tx, ticketId);
    if (assignee) await publishInboxEvent({ db: tx, event: { type: "ticket.assigned", ticketId, assigneeId: assignee.id, actorId: actor.id } });
    return updated;
  });
}

export async function setTicketStatus({ db, ticketId, status, actor }: { db: Database; ticketId: string; status: "open" | "closed"; actor: User }): Promise<Ticket> {
  return db.transaction(async (tx) => {
    const ticket = await lockedTicket(tx, ticketId);
    if (ticket.status === status) return ticket;
    if (status === "open") {
      const other = await findOpenTicket({ db: tx, integrationId: ticket.integrationId, customerId: ticket.customerId });
      if (other) {
        throw new AppError("conflict", "This customer already has an open ticket on this SMS integration. Continue there, or close it first.");
      }
    }
    const updated = (await updateTicket({
      db: tx,
      id: ticketId,
      // Closing ends a snooze and the wait: a customer writing again starts both afresh.
      changes: status === "closed" ? { status, closedAt: new Date(), snoozedUntil: null, waitingSince: null } : { status, closedAt: null },
    }))!;
    await recordEvent({ db: tx, ticketId, type: status === "closed" ? TICKET_EVENTS.closed : TICKET_EVENTS.reopened, actorId: actor.id });
    await ticketChanged(tx, ticketId, ticket.customerId);
    return updated;
  });
}

/**
 * Undoes a close: the ticket is open again with the assignee it had before, in one step, so
 * no one sees it half restored. Refused, changing nothing, when the customer has since got
 * another open ticket on the same integration.
 */
export async function restoreClosedTicket({ db, ticketId, assigneeId, actor }: { db: Database; ticketId: string; assigneeId: string | null; actor: User }): Promise<Ticket> {
  return db.transaction(async (tx) => {
    const ticket = await lockedTicket(tx, ticketId);
    let changes: Parameters<typeof updateTicket>[0]["changes"] = {};
    if (ticket.status === "closed") {
      const other = await findOpenTicket({ db: tx, integrationId: ticket.integrationId, customerId: ticket.customerId });
      if (other) throw new AppError("conflict", "This customer has written again meanwhile and has a new open ticket, so this one stays closed. Continue there.");
      changes = { status: "open", closedAt: null };
      await recordEvent({ db: tx, ticketId, type: TICKET_EVENTS.reopened, actorId: actor.id, data: { undo: true } });
    }
    if (ticket.assigneeId !== assigneeId) {
      const assignee = assigneeId ? await getUserById({ db: tx, id: assigneeId }) : null;
      if (assigneeId && !assignee?.active) throw new AppError("bad_request", "The agent it was assigned to has been deactivated meanwhile. Reopen it and choose another.");
      changes = { ...changes, assigneeId };
      await recordEvent({
        db: tx,
        ticketId,
        type: assignee ? TICKET_EVENTS.assigned : TICKET_EVENTS.unassigned,
        actorId: actor.id,
        data: assignee ? { assigneeId: assignee.id, assigneeName: assignee.name } : {},
      });
    }
    if (Object.keys(changes).length === 0) return ticket;
    const updated = (await updateTicket({ db: tx, id: ticketId, changes }))!;
    await ticketChanged(tx, ticketId);
    return updated;
  });
}

/** An internal note: on the timeline for agents, never sent to the customer. */
export async function addInternalNote({ db, ticketId, body, actor }: { db: Database; ticketId: string; body: string; actor: User }): Promise<Message> {
  const text = body.trim();
  if (!text) throw new AppError("bad_request", "Write the note first.", { body: "Write the note first." });
  if (text.length > 10_000) throw new AppError("bad_request", "Notes can be at most 10,000 characters.", { body: "At most 10,000 characters." });
  return db.transaction(async (tx) => {
    await lockedTicket(tx, ticketId);
    const note = await insertMessage({ db: tx, message: { ticketId, direction: "note", body: text, status: "received", authorId: actor.id } });
    await publishInboxEvent({ db: tx, event: { type: "message.created", ticketId, messageId: note.id } });
    return note;
  });
}

/**
 * Opened by an agent: no longer unread for them (for others it stays as it was). Their
 * other tabs and app processes hear of it, for the counts and the tab title.
 */
export async function markTicketRead({ db, ticketId, userId }: { db: Database; ticketId: string; userId: string }): Promise<void> {
  const ticket = await getTicket({ db, id: ticketId });
  if (!ticket) throw new AppError("not_found", "This ticket does not exist.");
  await db.transaction(async (tx) => {
    if (await markReadUpToLatest({ db: tx, ticketId, userId })) await publishInboxEvent({ db: tx, event: { type: "ticket.read", ticketId, userId } });
  });
}

export async function renameCustomer({ db, customerId, name, actor, ticketId }: { db: Database; customerId: string; name: string; actor: User; ticketId?: string }) {
  const clean = name.replace(/\s+/g, " ").trim();
  if (clean.length > 120) throw new AppError("bad_request", "Names can be at most 120 characters.", { name: "At most 120 characters." });
  return db.transaction(async (tx) => {
    if (!(await getCustomer({ db: tx, id: customerId }))) throw new AppError("not_found", "This customer does not exist.");
    const customer = (await updateCustomerName({ db: tx, id: customerId, name: clean || null }))!;
    if (ticketId) await recordEvent({ db: tx, ticketId, type: TICKET_EVENTS.customerRenamed, actorId: actor.id, data: { name: clean } });
    await publishInboxEvent({ db: tx, event: { type: "customer.updated", customerId } });
    return customer;
  });
}

/** Downloads a customer's picture again after it failed (the inbound "media.download" job does the work). */
export async function retryAttachmentDownload({ db, attachmentId }: { db: Database; attachmentId: string }): Promise<void> {
  const attachment = await getAttachment({ db, id: attachmentId });
  if (!attachment) throw new AppError("not_found", "This attachment does not exist.");
  if (attachment.status !== "failed") throw new AppError("conflict", "This picture is not waiting for a retry.");
  if (attachment.sourceUrl && !isTwilioMediaUrl(attachment.sourceUrl)) {
    throw new AppError("conflict", "This file's address is not on Twilio's media host, so the app will not fetch it.");
  }
  await db.transaction(async (tx) => {
    const reset = await markAttachmentPending({ db: tx, id: attachmentId });
    if (!reset) throw new AppError("conflict", "This picture is not waiting for a retry.");
    await enqueueJob({ db: tx, job: { kind: "media.download", payload: { attachmentId }, dedupeKey: `media:${attachmentId}:retry:${Date.now()}` } });
    await publishInboxEvent({ db: tx, event: { type: "message.updated", ticketId: attachment.ticketId, messageId: attachment.messageId } });
  });
  kickJobWorker();
}
