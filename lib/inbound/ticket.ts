import { and, desc, eq, gte } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { findOpenTicket } from "@/db/queries/tickets";
import { tickets, type SmsIntegration, type Ticket } from "@/db/schema";

export type TicketResolution = { ticket: Ticket; change: "joined" | "reopened" | "created" };

/**
 * The ticket a customer's message belongs to: their open ticket on this integration; else
 * their last one, reopened, if it closed within the integration's reopen window; else a new
 * one. The partial unique index on open tickets makes concurrent first messages share one.
 */
export async function resolveTicketForInbound({
  tx,
  integration,
  customerId,
  now,
  newCustomer = false,
}: {
  tx: Transaction;
  integration: SmsIntegration;
  customerId: string;
  now: Date;
  /** The customer was created in this transaction: they have no ticket to join or reopen. */
  newCustomer?: boolean;
}): Promise<TicketResolution> {
  const open = newCustomer ? null : await findOpenTicket({ db: tx, integrationId: integration.id, customerId });
  if (open) return { ticket: open, change: "joined" };

  if (!newCustomer && integration.reopenWindowDays > 0) {
    const windowStart = new Date(now.getTime() - integration.reopenWindowDays * 24 * 60 * 60 * 1000);
    const [recent] = await tx
      .select()
      .from(tickets)
      .where(and(eq(tickets.integrationId, integration.id), eq(tickets.customerId, customerId), eq(tickets.status, "closed"), gte(tickets.closedAt, windowStart)))
      .orderBy(desc(tickets.closedAt))
      .limit(1);
    if (recent) {
      const [reopened] = await tx
        .update(tickets)
        .set({ status: "open", closedAt: null })
        .where(and(eq(tickets.id, recent.id), eq(tickets.status, "closed")))
        .returning();
      if (reopened) return { ticket: reopened, change: "reopened" };
    }
  }

  const [created] = await tx
    .insert(tickets)
    .values({ integrationId: integration.id, customerId, lastMessageAt: now })
    .onConflictDoNothing()
    .returning();
  if (created) return { ticket: created, change: "created" };

  // Another message from this customer created the open ticket a moment ago.
  const winner = await findOpenTicket({ db: tx, integrationId: integration.id, customerId });
  if (!winner) throw new Error("open ticket conflict without an open ticket");
  return { ticket: winner, change: "joined" };
}

/** What the ticket list shows for a message: its text, or what it carried. */
export function previewOf(body: string, mediaCount: number): string {
  const text = body.replace(/\s+/g, " ").trim();
  if (text) return text.slice(0, 140);
  if (mediaCount > 0) return mediaCount === 1 ? "📎 1 attachment" : `📎 ${mediaCount} attachments`;
  return "(empty message)";
}
