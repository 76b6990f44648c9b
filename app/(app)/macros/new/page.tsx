import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { OwnMacrosOff } from "@/components/settings/saved-replies/own-macros-off";
import { SavedReplyForm } from "@/components/settings/saved-replies/saved-reply-form";
import { PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { savedReplyFormOptions } from "@/lib/saved-replies/form-options";
import { getMacroSettings } from "@/lib/saved-replies/settings";

export const metadata: Metadata = { title: "New macro" };

export default async function NewOwnMacroPage() {
  const user = await requireUser();
  if (user.role === "admin") redirect("/settings/saved-replies/new");
  const allowed = (await getMacroSettings({ db: await getDb() })).agentsCreateOwn;
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 md:py-8">
      <PageHeader title="New macro" description="Yours only: it shows in your composer's menu. Add text, actions, or both." />
      {allowed ? <SavedReplyForm initial={{ id: null, title: "", body: "", actions: [] }} {...await savedReplyFormOptions()} backHref="/macros" /> : <OwnMacrosOff />}
    </main>
  );
}
