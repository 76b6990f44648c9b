"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/http/action";
import { deleteTag, mergeTag, renameTag } from "./manage";
import { mergeTagSchema, renameTagSchema, tagIdSchema } from "./validation";

const GONE = "This tag no longer exists. Someone may have merged or deleted it; reload the page.";

function refresh() {
  revalidatePath("/settings/tags");
}

/** Renames a tag on every ticket and in the rules that add it. */
export const renameTagAction = action({ role: "admin", schema: renameTagSchema, invalid: GONE }, async ({ audited, input }) => {
  const change = await audited(
    (tx) => renameTag({ tx, id: input.id, name: input.name }),
    (done) => ({ action: "tag.renamed", target: { tagId: input.id, previousName: done.previousName, name: done.name }, details: { tickets: done.tickets } }),
  );
  refresh();
  return { name: change.name, tickets: change.tickets };
});

/** Makes two tags one: the first one's tickets and rules get the second, and the first goes. */
export const mergeTagAction = action({ role: "admin", schema: mergeTagSchema, invalid: "Choose the tag to merge into." }, async ({ audited, input }) => {
  const change = await audited(
    (tx) => mergeTag({ tx, id: input.id, intoId: input.intoId }),
    (done) => ({ action: "tag.merged", target: { tagId: input.id, name: done.name, into: done.into }, details: { tickets: done.tickets } }),
  );
  refresh();
  return { into: change.into ?? "", tickets: change.tickets };
});

/** Deletes a tag and takes it off every ticket (refused while a rule adds it). */
export const deleteTagAction = action({ role: "admin", schema: z.object({ id: tagIdSchema }), invalid: GONE }, async ({ audited, input }) => {
  const change = await audited(
    (tx) => deleteTag({ tx, id: input.id }),
    (done) => ({ action: "tag.deleted", target: { tagId: input.id, name: done.name }, details: { tickets: done.tickets } }),
  );
  refresh();
  return { tickets: change.tickets };
});
