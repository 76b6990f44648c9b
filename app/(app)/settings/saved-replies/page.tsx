import type { Metadata } from "next";
import Link from "next/link";
import { SavedReplyList } from "@/components/settings/saved-replies/saved-reply-list";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { listSavedReplies } from "@/db/queries/saved-replies";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Saved replies" };

export default async function SavedRepliesPage() {
  await requireAdmin();
  const replies = await listSavedReplies({ db: await getDb() });
  const create = (
    <Link href="/settings/saved-replies/new" className={buttonClass()}>
      New saved reply
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Saved replies"
        description="Saved answers agents insert from the composer with “Insert saved reply”. The customer's name and the integration's name are filled in as they insert it."
        actions={replies.length > 0 ? create : undefined}
      />
      <SavedReplyList
        replies={replies.map(({ id, title, body }) => ({ id, title, body }))}
        empty={
          <EmptyState title="No saved replies yet" action={create}>
            Create one for the answers your team types most, such as “Your order has shipped, {"{{customer.name}}"}!”. Agents then insert it from the composer of
            any ticket and can edit it before sending.
          </EmptyState>
        }
      />
    </>
  );
}
