import type { Metadata } from "next";
import { CannedReplyForm } from "@/components/settings/canned-replies/canned-reply-form";
import { PageHeader } from "@/components/ui/page";
import { requireAdmin } from "@/lib/auth/session";
import { integrationLimits } from "@/lib/canned-replies/integration-limits";

export const metadata: Metadata = { title: "New saved reply" };

export default async function NewCannedReplyPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="New saved reply" description="Agents insert it from the composer, then edit it or send it as it is." />
      <CannedReplyForm initial={{ id: null, title: "", body: "" }} integrations={await integrationLimits()} />
    </>
  );
}
