import type { MessageStatus } from "@/db/schema";

// How far an outgoing message has got. Callbacks arrive out of order, so a status only
// ever moves up this ladder; the three at the end are final.
const RANK: Partial<Record<MessageStatus, number>> = {
  pending: 0,
  queued: 1,
  sending: 2,
  sent: 3,
};
const FINAL: ReadonlySet<MessageStatus> = new Set(["delivered", "undelivered", "failed", "received"]);

// Twilio statuses this app stores, by the name Twilio reports them with. "read" (WhatsApp
// only; SMS has no read receipts) and inbound ones mean nothing for an outgoing message.
const FROM_TWILIO: Readonly<Record<string, MessageStatus>> = {
  accepted: "queued",
  scheduled: "queued",
  queued: "queued",
  sending: "sending",
  sent: "sent",
  delivered: "delivered",
  undelivered: "undelivered",
  failed: "failed",
  canceled: "failed",
};

/** The app's status for a status Twilio reported, or null when it is one the app ignores. */
export function fromTwilioStatus(status: string | null | undefined): MessageStatus | null {
  return FROM_TWILIO[(status ?? "").trim().toLowerCase()] ?? null;
}

/**
 * The status an outgoing message should take when Twilio reports `incoming`, or null to
 * leave it as it is: a late "sent" after "delivered" changes nothing, nor does "read".
 * "unknown" (the app timed out and could not tell whether Twilio took the message) gives
 * way to anything Twilio says, since Twilio knows better.
 */
export function nextMessageStatus(current: MessageStatus, incoming: string): MessageStatus | null {
  const next = fromTwilioStatus(incoming);
  if (!next || next === current) return null;
  if (FINAL.has(current)) return null;
  if (current === "unknown") return next;
  if (FINAL.has(next)) return next;
  const from = RANK[current];
  const to = RANK[next];
  if (from === undefined || to === undefined) return null;
  return to > from ? next : null;
}

export type DeliveryState = "sending" | "sent" | "delivered" | "undelivered" | "failed" | "unknown";

/** What the agent reads next to an outgoing bubble. */
export function deliveryState(status: MessageStatus): DeliveryState {
  switch (status) {
    case "pending":
    case "queued":
    case "sending":
      return "sending";
    case "sent":
    case "delivered":
    case "undelivered":
    case "failed":
    case "unknown":
      return status;
    default:
      return "sent";
  }
}

export const DELIVERY_LABEL: Readonly<Record<DeliveryState, string>> = {
  sending: "Sending…",
  sent: "Sent",
  delivered: "Delivered",
  undelivered: "Not delivered",
  failed: "Failed",
  unknown: "Not confirmed",
};

/** Statuses an agent may send again: the message did not arrive, or nobody knows whether it left. */
export function canRetry(status: MessageStatus): boolean {
  return status === "failed" || status === "undelivered" || status === "unknown";
}
