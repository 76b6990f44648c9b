import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Phone numbers" };

export default async function Page() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Phone numbers" />
      <EmptyState title="No phone numbers yet">SMS works only on numbers owned in this app. Buy a new number or port an existing one in, then add an SMS integration on it.</EmptyState>
    </>
  );
}
