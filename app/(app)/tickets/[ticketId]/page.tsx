import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InboxScreen } from "@/components/inbox/inbox-screen";
import { requireUser } from "@/lib/auth/session";
import { ticketIdSchema } from "@/lib/tickets/validation";
import { loadInbox } from "../load-inbox";

export const metadata: Metadata = { title: "Inbox" };

export default async function TicketPage({ params, searchParams }: PageProps<"/tickets/[ticketId]">) {
  const user = await requireUser();
  const { ticketId } = await params;
  if (!ticketIdSchema.safeParse(ticketId).success) notFound();
  const props = await loadInbox({ user, searchParams: await searchParams, ticketId });
  if (!props.initialTicket) notFound();
  return <InboxScreen {...props} />;
}
