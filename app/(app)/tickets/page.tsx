import type { Metadata } from "next";
import Link from "next/link";
import { InboxScreen } from "@/components/inbox/inbox-screen";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { requireUser } from "@/lib/auth/session";
import { loadInbox } from "./load-inbox";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: PageProps<"/tickets">) {
  const user = await requireUser();
  const props = await loadInbox({ user, searchParams: await searchParams });
  if (props.integrations.every((integration) => integration.deleted) && props.initialPage.tickets.length === 0 && props.initialFilters.view === "open") {
    return (
      <main className="mx-auto max-w-7xl px-4 py-8">
        <PageHeader title="Inbox" description="Every new SMS conversation with a customer becomes a ticket here." />
        <EmptyState
          title="No tickets yet"
          action={
            user.role === "admin" ? (
              <Link href="/settings/integrations/sms" className={buttonClass("primary")}>
                Set up SMS
              </Link>
            ) : null
          }
        >
          {user.role === "admin"
            ? "Connect a phone number under Settings → Integrations → SMS. When customers text it, their conversations appear here."
            : "When customers text your shop's number, their conversations appear here. An admin sets up the SMS number in Settings."}
        </EmptyState>
      </main>
    );
  }
  return <InboxScreen {...props} />;
}
