import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { OwnMacrosOff } from "@/components/settings/saved-replies/own-macros-off";
import { SavedReplyList } from "@/components/settings/saved-replies/saved-reply-list";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { listOwnSavedReplies } from "@/db/queries/saved-replies";
import { requireUser } from "@/lib/auth/session";
import { getMacroSettings } from "@/lib/saved-replies/settings";
import { agentNames, savedReplyView } from "@/lib/saved-replies/view";

export const metadata: Metadata = { title: "Your macros" };

/** An agent's own saved replies and macros: only they see and use them. Admins make everyone's under Settings. */
export default async function OwnMacrosPage() {
  const user = await requireUser();
  if (user.role === "admin") redirect("/settings/saved-replies");
  const db = await getDb();
  const [replies, names, settings] = await Promise.all([listOwnSavedReplies({ db, userId: user.id }), agentNames({ db }), getMacroSettings({ db })]);
  const create = settings.agentsCreateOwn ? (
    <Link href="/macros/new" className={buttonClass()}>
      New macro
    </Link>
  ) : undefined;
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 md:py-8">
      <PageHeader
        title="Your macros"
        description="Your own saved replies and macros, in your composer's “Insert saved reply” menu beside everyone's. No one else sees them."
        actions={replies.length > 0 ? create : undefined}
      />
      {settings.agentsCreateOwn ? null : <OwnMacrosOff />}
      <SavedReplyList
        editBase="/macros"
        replies={replies.map((reply) => {
          const { id, title, body, summary } = savedReplyView(reply, names, user.id);
          return { id, title, body, summary, ownerName: null };
        })}
        empty={
          settings.agentsCreateOwn ? (
            <EmptyState title="No macros of your own yet" action={create}>
              Create one for what you do often, such as a reply that adds the tag “refund” and closes the ticket, or actions alone with no text.
            </EmptyState>
          ) : null
        }
      />
    </main>
  );
}
