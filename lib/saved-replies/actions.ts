"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getSavedReply } from "@/db/queries/saved-replies";
import { createSavedReply, editSavedReply, removeSavedReply } from "@/lib/saved-replies/manage";
import { savedReplyIdSchema } from "@/lib/saved-replies/validation";
import { action, formAction } from "@/lib/http/action";

const GONE = "This saved reply no longer exists.";

function refresh() {
  revalidatePath("/settings/saved-replies");
}

/** Creates a saved reply, or edits the one named by the form's `id`; the title and text are checked by createSavedReply/editSavedReply. */
export const saveSavedReplyAction = formAction(
  {
    role: "admin",
    schema: z.object({ id: savedReplyIdSchema.or(z.literal("")).optional(), title: z.unknown(), body: z.unknown() }),
    fields: (form) => ({ id: form.get("id") ?? undefined, title: form.get("title") ?? undefined, body: form.get("body") ?? undefined }),
    invalid: GONE,
  },
  async ({ audited, user, input: { id, ...input } }) => {
    const saved = await audited(
      (tx) => (id ? editSavedReply({ db: tx, id, input }) : createSavedReply({ db: tx, input, createdBy: user.id })),
      (reply) => ({ action: id ? "saved_reply.updated" : "saved_reply.created", target: { savedReplyId: reply.id, title: reply.title } }),
    );
    refresh();
    return { id: saved.id };
  },
);

export const deleteSavedReplyAction = action({ role: "admin", schema: z.object({ id: savedReplyIdSchema }), invalid: GONE }, async ({ audited, input: { id } }) => {
  await audited(
    async (tx) => {
      const reply = await getSavedReply({ db: tx, id });
      await removeSavedReply({ db: tx, id });
      return reply;
    },
    (reply) => ({ action: "saved_reply.deleted", target: { savedReplyId: id, title: reply?.title } }),
  );
  refresh();
});
