import type { Metadata } from "next";
import Link from "next/link";
import { MacroSettingsForm } from "@/components/settings/saved-replies/macro-settings-form";
import { SavedReplyList } from "@/components/settings/saved-replies/saved-reply-list";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { listSavedReplies } from "@/db/queries/saved-replies";
import { requireAdmin } from "@/lib/auth/session";
import { getMacroSettings } from "@/lib/saved-replies/settings";
import { agentNames, savedReplyView } from "@/lib/saved-replies/view";

export const metadata: Metadata = { title: "Saved replies" };

export default async function SavedRepliesPage() {
  await requireAdmin();
  const db = await getDb();
  const [replies, names, settings] = await Promise.all([listSavedReplies({ db }), agentNames({ db }), getMacroSettings({ db })]);
  const create = (
    <Link href="/settings/saved-replies/new" className={buttonClass()}>
      New saved reply
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Saved replies"
        description="Saved answers agents insert from the composer with “Insert saved reply”. The customer's name and the integration's name are filled in as they insert it. A macro is a saved reply with actions (tags, assign, close, snooze) that run when the agent sends it."
        actions={replies.length > 0 ? create : undefined}
      />
      <MacroSettingsForm agentsCreateOwn={settings.agentsCreateOwn} />
      <SavedReplyList
        editBase="/settings/saved-replies"
        replies={replies.map((reply) => {
          const { id, title, body, summary, ownerName } = savedReplyView(reply, names);
          return { id, title, body, summary, ownerName };
        })}
        empty={
          <EmptyState title="No saved replies yet" action={create}>
            Create one for the answers your team types most, such as “Your order has shipped, {"{{customer.name}}"}!”. Agents then insert it from the composer of
            any ticket and can edit it before sending. Add actions, such as adding a tag and closing the ticket, to make it a macro.
          </EmptyState>
        }
      />
    </>
  );
}
