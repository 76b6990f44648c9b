import type { Database, DbOrTx } from "@/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { insertMessage, insertStoredAttachments } from "@/db/queries/messages";
import { getSendingContext, type SendingContext } from "@/db/queries/sending";
import { recordEvent } from "@/db/queries/events";
import { touchTicketActivity } from "@/db/queries/tickets";
import type { Message } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { kickJobWorker } from "@/lib/jobs/kick";
import { checkMessagingPolicy } from "@/lib/policy/check";
import { countryOfCustomer } from "@/lib/phone/normalize";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { checkLength } from "@/lib/sms/segments";
import { previewOf } from "@/lib/inbound/ticket";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import { attachAbility, customerLabel, describeSendingBlock, sendingBlock } from "./eligibility";
import { checkOutgoingFiles, prepareOutgoingFiles, type CheckedFile, type OutgoingFile } from "./files";
import { PolicyWarning } from "./policy-warning";
import { listExtraAllowedCountryCodes } from "@/lib/integrations/countries";

export const SEND_JOB_KIND = "message.send";

export interface OutboundInput {
  ticketId: string;
  body: string;
  attachments?: readonly OutgoingFile[];
  /** The agent who wrote it; none for rules. */
  authorId?: string | null;
  ruleId?: string | null;
  ruleName?: string | null;
  /** The policy category the sender chose to send despite ("Send anyway"). */
  policyOverride?: string | null;
}

async function checkPictures(context: SendingContext, files: readonly OutgoingFile[], customerCountry: string | null): Promise<CheckedFile[]> {
  if (files.length === 0) return [];
  const number = context.phoneNumber
    ? { e164: context.phoneNumber.e164, twilioSms: context.phoneNumber.twilioSms, twilioMms: context.phoneNumber.twilioMms, type: context.phoneNumber.type }
    : null;
  const ability = attachAbility({ number, customerCountry });
  if (!ability.ok) throw new AppError("bad_request", ability.reason, { attachments: ability.reason });
  return checkOutgoingFiles(files);
}

/** Everything that must hold before a message may go out; throws an AppError in words otherwise. */
async function validate(db: DbOrTx, context: SendingContext, input: OutboundInput) {
  const { customer, integration } = context;
  const customerCountry = countryOfCustomer(customer.phoneE164, customer.country);
  const block = sendingBlock({
    integration,
    optOut: context.optOut,
    customerCountry,
    extraAllowedCountries: await listExtraAllowedCountryCodes({ db }),
  });
  if (block) throw new AppError("conflict", describeSendingBlock(block, customerLabel(customer)));
  const files = await checkPictures(context, input.attachments ?? [], customerCountry);
  const length = checkLength(input.body, integration.maxMessageLength, { allowEmpty: files.length > 0 });
  if (!length.ok) throw new AppError("bad_request", length.message, { body: length.message });
  const policy = checkMessagingPolicy(input.body);
  if (!policy.ok && input.policyOverride !== policy.category) {
    throw new PolicyWarning({ category: policy.category, label: policy.label, matched: policy.matched });
  }
  return { files, policy: policy.ok ? null : policy };
}

/**
 * Stores an outgoing message and the durable job that sends it, inside the caller's
 * transaction. Use this when the message belongs with other writes (a new conversation, a
 * rule run); call kickJobWorker() after the commit. Otherwise use queueOutboundMessage.
 */
export async function insertOutboundMessage(tx: DbOrTx, input: OutboundInput): Promise<Message> {
  const context = await getSendingContext({ db: tx, ticketId: input.ticketId, lockTicket: true });
  if (!context) throw new AppError("not_found", "This ticket does not exist.");
  const { files, policy } = await validate(tx, context, input);
  const message = await insertMessage({
    db: tx,
    message: {
      ticketId: context.ticket.id,
      direction: "outbound",
      body: input.body,
      status: "pending",
      fromE164: context.integration.phoneE164,
      toE164: context.customer.phoneE164,
      authorId: input.authorId ?? null,
      ruleId: input.ruleId ?? null,
      ruleName: input.ruleName ?? null,
      policyOverride: policy ? policy.category : null,
    },
  });
  await insertStoredAttachments({ db: tx, messageId: message.id, files });
  await enqueueJob({ db: tx, job: { kind: SEND_JOB_KIND, payload: { messageId: message.id }, dedupeKey: `send:${message.id}` } });
  // An agent's message answers the customer; a rule's auto-reply leaves them waiting.
  await touchTicketActivity({ db: tx, id: context.ticket.id, preview: previewOf(input.body, files.length), answered: !input.ruleId && !input.ruleName });
  if (policy) {
    await recordEvent({
      db: tx,
      ticketId: context.ticket.id,
      type: TICKET_EVENTS.policyOverride,
      actorId: input.authorId ?? null,
      data: { category: policy.category, label: policy.label, matched: policy.matched, messageId: message.id },
    });
  }
  await publishInboxEvent({ db: tx, event: { type: "message.created", ticketId: context.ticket.id, messageId: message.id } });
  await publishInboxEvent({ db: tx, event: { type: "ticket.updated", ticketId: context.ticket.id, customerId: context.customer.id } });
  return message;
}

/**
 * The one way a message leaves the app, for agents and rules alike: checks it (integration
 * active, not opted out, country allowed, length, pictures, messaging policy), stores it
 * with its job in one transaction, then wakes the worker that hands it to Twilio.
 */
export async function queueOutboundMessage({ db, ...input }: OutboundInput & { db: Database }): Promise<Message> {
  // Pictures are converted and scaled first: that takes a while, and must not hold the ticket's lock.
  const attachments = await prepareOutgoingFiles(input.attachments ?? []);
  const message = await db.transaction((tx) => insertOutboundMessage(tx, { ...input, attachments }));
  kickJobWorker();
  return message;
}
