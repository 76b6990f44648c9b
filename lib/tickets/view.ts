import type { DbOrTx } from "@/db/client";
import { decodeCursor } from "@/db/queries/cursor";
import { listTicketEvents } from "@/db/queries/events";
import { listThreadMessages, type ThreadMessage } from "@/db/queries/messages";
import { getSendingContext } from "@/db/queries/sending";
import { isTicketUnread } from "@/db/queries/ticket-reads";
import { listOtherCustomerTickets, type CustomerTicketSummary } from "@/db/queries/tickets";
import { AppError } from "@/lib/errors";
import { attachAbility, customerLabel, describeSendingBlock, sendingBlock, type AttachAbility } from "@/lib/outbound/eligibility";
import { countryOfCustomer, formatPhoneNumber } from "@/lib/phone/normalize";
import { describeTicketEvent, isQuietEvent, TICKET_EVENTS } from "./events";
import { displayCustomer, type CustomerDisplay } from "./inbox";
import { listExtraAllowedCountryCodes } from "@/lib/integrations/countries";

/** Messages per page of a conversation: the latest 100, then "Load earlier". */
export const THREAD_PAGE_SIZE = 100;

export interface TimelineEvent {
  id: number;
  type: string;
  text: string;
  /** A rule that ran and did nothing: shown quieter than events that changed something. */
  quiet: boolean;
  createdAt: string;
  /** A snooze: until when, shown in the agent's time zone after the text. */
  until?: string;
}

export interface ThreadSlice {
  messages: ThreadMessage[];
  events: TimelineEvent[];
  earlierCursor: string | null;
}

export interface TicketView {
  ticket: {
    id: string;
    status: "open" | "closed";
    unread: boolean;
    createdAt: string;
    closedAt: string | null;
    assigneeId: string | null;
    tags: string[];
    /** Snoozed: when it wakes up. */
    snoozedUntil: string | null;
  };
  customer: { id: string; name: string | null; phoneE164: string; country: string | null } & CustomerDisplay;
  integration: { id: string; name: string; phoneE164: string; phoneDisplay: string; active: boolean; maxMessageLength: number };
  optOut: { optedOut: boolean; keyword: string; changedAt: string } | null;
  composer: { block: string | null; attach: AttachAbility };
  otherTickets: CustomerTicketSummary[];
}

/** One page of a conversation with the timeline events that fall between its messages. */
export async function getTicketThread({ db, ticketId, before }: { db: DbOrTx; ticketId: string; before?: string | null }): Promise<ThreadSlice> {
  const cursor = before ? decodeCursor(before) : null;
  if (before && !cursor) throw new AppError("bad_request", "That page of the conversation does not exist.");
  const page = await listThreadMessages({ db, ticketId, before: cursor, limit: THREAD_PAGE_SIZE });
  const events = await listTicketEvents({ db, ticketId, from: page.startStamp ?? undefined, to: cursor?.at });
  return {
    messages: page.messages,
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      text: describeTicketEvent(event),
      quiet: isQuietEvent(event),
      createdAt: event.createdAt.toISOString(),
      ...(event.type === TICKET_EVENTS.snoozed && typeof event.data.until === "string" ? { until: event.data.until } : {}),
    })),
    earlierCursor: page.earlierCursor,
  };
}

/** The ticket around the conversation: customer, integration, opt-out, what the composer may do. */
/** `userId`: the agent looking, for whom the ticket is read or unread. */
export async function getTicketView({ db, ticketId, userId }: { db: DbOrTx; ticketId: string; userId: string }): Promise<TicketView | null> {
  const context = await getSendingContext({ db, ticketId });
  if (!context) return null;
  const { ticket, customer, integration, phoneNumber, optOut } = context;
  const customerCountry = countryOfCustomer(customer.phoneE164, customer.country);
  const [extraAllowed, otherTickets, unread] = await Promise.all([
    listExtraAllowedCountryCodes({ db }),
    listOtherCustomerTickets({ db, customerId: customer.id, exceptTicketId: ticket.id }),
    isTicketUnread({ db, ticketId: ticket.id, userId }),
  ]);
  const block = sendingBlock({ integration, optOut, customerCountry, extraAllowedCountries: extraAllowed });
  return {
    ticket: {
      id: ticket.id,
      status: ticket.status,
      unread,
      createdAt: ticket.createdAt.toISOString(),
      closedAt: ticket.closedAt?.toISOString() ?? null,
      assigneeId: ticket.assigneeId,
      tags: ticket.tags,
      snoozedUntil: ticket.snoozedUntil?.toISOString() ?? null,
    },
    customer: {
      id: customer.id,
      name: customer.name,
      phoneE164: customer.phoneE164,
      country: customerCountry,
      ...displayCustomer({ ...customer, country: customerCountry }),
    },
    integration: {
      id: integration.id,
      name: integration.name,
      phoneE164: integration.phoneE164,
      phoneDisplay: formatPhoneNumber(integration.phoneE164),
      active: integration.status === "active" && !integration.deletedAt,
      maxMessageLength: integration.maxMessageLength,
    },
    optOut: optOut ? { optedOut: optOut.optedOut, keyword: optOut.keyword, changedAt: optOut.changedAt.toISOString() } : null,
    composer: {
      block: block ? describeSendingBlock(block, customerLabel(customer)) : null,
      attach: attachAbility({
        number: phoneNumber ? { e164: phoneNumber.e164, twilioSms: phoneNumber.twilioSms, twilioMms: phoneNumber.twilioMms, type: phoneNumber.type } : null,
        customerCountry,
      }),
    },
    otherTickets,
  };
}

