import type { Metadata } from "next";
import { SavedReplyForm } from "@/components/settings/saved-replies/saved-reply-form";
import { PageHeader } from "@/components/ui/page";
import { requireAdmin } from "@/lib/auth/session";
import { savedReplyFormOptions } from "@/lib/saved-replies/form-options";

export const metadata: Metadata = { title: "New saved reply" };

export default async function NewSavedReplyPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="New saved reply" description="Agents insert it from the composer, then edit it or send it as it is. Add actions to make it a macro." />
      <SavedReplyForm initial={{ id: null, title: "", body: "", actions: [] }} {...await savedReplyFormOptions()} backHref="/settings/saved-replies" />
    </>
  );
}
