import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Integrations → SMS" };

export default async function Page() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Integrations → SMS" />
      <EmptyState title="No SMS integrations yet">Connect a phone number so customers can text your shop. Each new SMS conversation becomes a ticket in the inbox.</EmptyState>
    </>
  );
}
