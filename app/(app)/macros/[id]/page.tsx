import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { OwnMacrosOff } from "@/components/settings/saved-replies/own-macros-off";
import { SavedReplyForm } from "@/components/settings/saved-replies/saved-reply-form";
import { PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { getSavedReply } from "@/db/queries/saved-replies";
import { requireUser } from "@/lib/auth/session";
import { savedReplyDraftOf, savedReplyFormOptions } from "@/lib/saved-replies/form-options";
import { getMacroSettings } from "@/lib/saved-replies/settings";
import { savedReplyIdSchema } from "@/lib/saved-replies/validation";

export const metadata: Metadata = { title: "Edit macro" };

/** An agent edits one of their own; anyone else's is not found. */
export default async function EditOwnMacroPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  if (user.role === "admin") redirect(`/settings/saved-replies/${id}`);
  if (!savedReplyIdSchema.safeParse(id).success) notFound();
  const db = await getDb();
  const reply = await getSavedReply({ db, id });
  if (!reply || reply.ownerId !== user.id) notFound();
  const allowed = (await getMacroSettings({ db })).agentsCreateOwn;
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 md:py-8">
      <PageHeader title={`Edit “${reply.title}”`} description="Changes apply the next time you insert it." />
      {allowed ? <SavedReplyForm initial={savedReplyDraftOf(reply)} {...await savedReplyFormOptions()} backHref="/macros" /> : <OwnMacrosOff />}
    </main>
  );
}
