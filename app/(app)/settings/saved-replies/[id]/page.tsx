import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SavedReplyForm } from "@/components/settings/saved-replies/saved-reply-form";
import { PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { getSavedReply } from "@/db/queries/saved-replies";
import { requireAdmin } from "@/lib/auth/session";
import { savedReplyDraftOf, savedReplyFormOptions } from "@/lib/saved-replies/form-options";
import { savedReplyIdSchema } from "@/lib/saved-replies/validation";

export const metadata: Metadata = { title: "Edit saved reply" };

export default async function EditSavedReplyPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  if (!savedReplyIdSchema.safeParse(id).success) notFound();
  const reply = await getSavedReply({ db: await getDb(), id });
  if (!reply) notFound();
  return (
    <>
      <PageHeader title={`Edit “${reply.title}”`} description={`Changes apply the next time an agent inserts it.${reply.ownerId ? " This is an agent's own macro: only they see it." : ""}`} />
      <SavedReplyForm initial={savedReplyDraftOf(reply)} {...await savedReplyFormOptions()} backHref="/settings/saved-replies" />
    </>
  );
}
