import type { Metadata } from "next";
import { SavedReplyForm } from "@/components/settings/saved-replies/saved-reply-form";
import { PageHeader } from "@/components/ui/page";
import { requireAdmin } from "@/lib/auth/session";
import { integrationLimits } from "@/lib/saved-replies/integration-limits";

export const metadata: Metadata = { title: "New saved reply" };

export default async function NewSavedReplyPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="New saved reply" description="Agents insert it from the composer, then edit it or send it as it is." />
      <SavedReplyForm initial={{ id: null, title: "", body: "" }} integrations={await integrationLimits()} />
    </>
  );
}
