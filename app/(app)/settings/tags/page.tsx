import type { Metadata } from "next";
import { TagList } from "@/components/settings/tags/tag-list";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { listTagUsage } from "@/db/queries/tags";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Tags" };

export default async function TagsPage() {
  await requireAdmin();
  const tags = await listTagUsage({ db: await getDb() });
  return (
    <>
      <PageHeader
        title="Tags"
        description="Every tag on tickets, with how many tickets carry it. Renaming or merging changes every ticket and rule that has the tag; names are one tag whatever their case, at most 50 characters."
      />
      <TagList
        tags={tags}
        empty={
          <EmptyState title="No tags yet">
            Agents tag a ticket from its header with “+ Add tag”, and rules add tags with the action “Add a tag” (Settings → Rules). Tags show here once a ticket has one.
          </EmptyState>
        }
      />
    </>
  );
}
