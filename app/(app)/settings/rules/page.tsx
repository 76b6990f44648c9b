import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Rules" };

export default async function Page() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Rules" />
      <EmptyState title="No rules yet">Rules send automatic replies and take actions when customers text, for example an auto-reply outside business hours.</EmptyState>
    </>
  );
}
