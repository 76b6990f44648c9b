import type { Database } from "@/db/client";
import { findOrCreateCustomer } from "@/db/queries/customers";
import { recordEvent } from "@/db/queries/events";
import { findOpenTicket, insertOpenTicket } from "@/db/queries/tickets";
import { getSmsIntegrationWithNumber } from "@/db/queries/sending";
import type { Message, Ticket } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { kickJobWorker } from "@/lib/jobs/kick";
import { countryOfNumber, normalizePhoneNumber, type CountryCode } from "@/lib/phone/normalize";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import { prepareOutgoingFiles, type OutgoingFile } from "./files";
import { insertOutboundMessage } from "./queue";

export interface StartConversationInput {
  db: Database;
  phone: string;
  integrationId: string;
  body: string;
  attachments?: readonly OutgoingFile[];
  policyOverride?: string | null;
  agentId: string;
}

/**
 * An agent writes first. The ticket is open for this customer and integration, so the
 * customer's answer lands on it; if they already have an open one there, the message
 * joins it instead. Nothing is created when the message is refused.
 */
export async function startConversation(input: StartConversationInput): Promise<{ ticket: Ticket; message: Message; existing: boolean }> {
  const { db } = input;
  const found = await getSmsIntegrationWithNumber({ db, id: input.integrationId });
  if (!found || found.integration.deletedAt) {
    throw new AppError("bad_request", "Choose the SMS integration to send from.", { integrationId: "Choose an SMS integration." });
  }
  // People type local numbers; the business number's country is the likeliest one.
  const defaultCountry = countryOfNumber(found.integration.phoneE164) as CountryCode | undefined;
  const phone = normalizePhoneNumber(input.phone, defaultCountry);
  if (!phone.ok) throw new AppError("bad_request", phone.message, { phone: phone.message });
  if (phone.e164 === found.integration.phoneE164) {
    const message = "That is the integration's own number. Type the customer's number.";
    throw new AppError("bad_request", message, { phone: message });
  }
  // Converted and scaled before the transaction, which would otherwise wait on it.
  const attachments = await prepareOutgoingFiles(input.attachments ?? []);
  const result = await db.transaction(async (tx) => {
    const { customer } = await findOrCreateCustomer({ db: tx, phoneE164: phone.e164, country: phone.country ?? null });
    let ticket = await findOpenTicket({ db: tx, integrationId: found.integration.id, customerId: customer.id });
    const existing = !!ticket;
    if (!ticket) {
      ticket = await insertOpenTicket({ db: tx, integrationId: found.integration.id, customerId: customer.id, assigneeId: input.agentId });
      // Lost a race with the customer's own first message: join the ticket it made.
      ticket ??= await findOpenTicket({ db: tx, integrationId: found.integration.id, customerId: customer.id });
      if (!ticket) throw new AppError("conflict", "The conversation could not be started. Try again.");
      await recordEvent({ db: tx, ticketId: ticket.id, type: TICKET_EVENTS.created, actorId: input.agentId, data: { by: "agent" } });
      await publishInboxEvent({ db: tx, event: { type: "ticket.created", ticketId: ticket.id, customerId: customer.id } });
    }
    const message = await insertOutboundMessage(tx, {
      ticketId: ticket.id,
      body: input.body,
      attachments,
      authorId: input.agentId,
      policyOverride: input.policyOverride,
    });
    return { ticket, message, existing };
  });
  kickJobWorker();
  return result;
}
