import type { MessageStatus } from "@/db/schema";

/**
 * How far along an outgoing message is. Callbacks arrive out of order; a status only ever
 * moves forward, and the final ones (delivered, undelivered, failed) stay.
 */
export const STATUS_RANK: Partial<Record<MessageStatus, number>> = {
  pending: 0,
  unknown: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 5,
  failed: 5,
};

const CALLBACK_STATUSES = new Set<MessageStatus>(["queued", "sending", "sent", "delivered", "undelivered", "failed"]);

/** The status to store after a callback says `incoming`, or null when nothing changes. */
export function nextMessageStatus(current: MessageStatus, incoming: string): MessageStatus | null {
  const next = incoming.toLowerCase() as MessageStatus;
  // "read" and "accepted", "scheduled", "canceled", "receiving", "received" are not delivery states we show.
  if (!CALLBACK_STATUSES.has(next)) return null;
  const from = STATUS_RANK[current];
  const to = STATUS_RANK[next];
  if (from === undefined || to === undefined) return null;
  if (from >= 4) return null;
  return to > from ? next : null;
}
