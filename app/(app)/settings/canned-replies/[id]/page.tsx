import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CannedReplyForm } from "@/components/settings/canned-replies/canned-reply-form";
import { PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { getCannedReply } from "@/db/queries/canned-replies";
import { requireAdmin } from "@/lib/auth/session";
import { integrationLimits } from "@/lib/canned-replies/integration-limits";
import { cannedReplyIdSchema } from "@/lib/canned-replies/validation";

export const metadata: Metadata = { title: "Edit saved reply" };

export default async function EditCannedReplyPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  if (!cannedReplyIdSchema.safeParse(id).success) notFound();
  const reply = await getCannedReply({ db: await getDb(), id });
  if (!reply) notFound();
  return (
    <>
      <PageHeader title={`Edit “${reply.title}”`} description="Changes apply the next time an agent inserts it." />
      <CannedReplyForm initial={{ id: reply.id, title: reply.title, body: reply.body }} integrations={await integrationLimits()} />
    </>
  );
}
