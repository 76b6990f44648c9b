import type { Database } from "@/db/client";
import { recordEvent } from "@/db/queries/events";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { getMessage, resetMessageForRetry } from "@/db/queries/messages";
import { getSendingContext } from "@/db/queries/sending";
import type { Message } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { kickJobWorker } from "@/lib/jobs/kick";
import { countryOfCustomer } from "@/lib/phone/normalize";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import { customerLabel, describeSendingBlock, sendingBlock } from "./eligibility";
import { SEND_JOB_KIND } from "./queue";
import { canRetry } from "./status";
import { listExtraAllowedCountryCodes } from "@/lib/integrations/countries";

/**
 * Sends a failed, undelivered or unconfirmed message again: the same message row goes
 * back to pending with a new job (a new dedupe key, since the first job is spent).
 */
export async function retryOutboundMessage({ db, messageId, actorId }: { db: Database; messageId: string; actorId: string }): Promise<Message> {
  const message = await db.transaction(async (tx) => {
    const current = await getMessage({ db: tx, id: messageId });
    if (!current || current.direction !== "outbound") throw new AppError("not_found", "This message does not exist.");
    if (!canRetry(current.status)) throw new AppError("conflict", "This message is already on its way, so there is nothing to retry.");
    const context = await getSendingContext({ db: tx, ticketId: current.ticketId, lockTicket: true });
    if (!context) throw new AppError("not_found", "This ticket does not exist.");
    const block = sendingBlock({
      integration: context.integration,
      optOut: context.optOut,
      customerCountry: countryOfCustomer(context.customer.phoneE164, context.customer.country),
      extraAllowedCountries: await listExtraAllowedCountryCodes({ db: tx }),
    });
    if (block) throw new AppError("conflict", describeSendingBlock(block, customerLabel(context.customer)));
    const reset = await resetMessageForRetry({ db: tx, id: messageId, from: ["failed", "undelivered", "unknown"] });
    if (!reset) throw new AppError("conflict", "This message is already on its way, so there is nothing to retry.");
    await enqueueJob({
      db: tx,
      job: { kind: SEND_JOB_KIND, payload: { messageId }, dedupeKey: `send:${messageId}:retry:${reset.sendAttempts}` },
    });
    await recordEvent({ db: tx, ticketId: reset.ticketId, type: TICKET_EVENTS.messageRetried, actorId, data: { messageId } });
    await publishInboxEvent({ db: tx, event: { type: "message.updated", ticketId: reset.ticketId, messageId } });
    return reset;
  });
  kickJobWorker();
  return message;
}
