"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createSavedReply, editSavedReply, removeSavedReply } from "@/lib/saved-replies/manage";
import { saveMacroSettings } from "@/lib/saved-replies/settings";
import { actionsField, macroSettingsSchema, savedReplyIdSchema } from "@/lib/saved-replies/validation";
import { action, formAction } from "@/lib/http/action";

const GONE = "This saved reply no longer exists.";

function refresh() {
  revalidatePath("/settings/saved-replies");
  revalidatePath("/macros");
}

/**
 * Creates a saved reply or macro, or edits the one named by the form's `id`. Admins make
 * everyone's; an agent, while admins allow it, their own (createSavedReply/editSavedReply check).
 */
export const saveSavedReplyAction = formAction(
  {
    role: "user",
    schema: z.object({ id: savedReplyIdSchema.or(z.literal("")).optional(), title: z.unknown(), body: z.unknown(), actions: z.unknown() }),
    fields: (form) => ({ id: form.get("id") ?? undefined, title: form.get("title") ?? undefined, body: form.get("body") ?? undefined, actions: actionsField(form.get("actions")) }),
    invalid: GONE,
  },
  async ({ audited, user, input: { id, ...input } }) => {
    const saved = await audited(
      (tx) => (id ? editSavedReply({ db: tx, id, input, actor: user }) : createSavedReply({ db: tx, input, actor: user })),
      (reply) => ({
        action: id ? "saved_reply.updated" : "saved_reply.created",
        target: { savedReplyId: reply.id, title: reply.title },
        details: { actions: reply.actions.length, own: reply.ownerId !== null },
      }),
    );
    refresh();
    return { id: saved.id };
  },
);

export const deleteSavedReplyAction = action({ role: "user", schema: z.object({ id: savedReplyIdSchema }), invalid: GONE }, async ({ audited, user, input: { id } }) => {
  await audited(
    (tx) => removeSavedReply({ db: tx, id, actor: user }),
    (reply) => ({ action: "saved_reply.deleted", target: { savedReplyId: id, title: reply.title } }),
  );
  refresh();
});

/** "Agents may create their own macros". */
export const saveMacroSettingsAction = action({ role: "admin", schema: macroSettingsSchema }, async ({ audited, input }) => {
  await audited(
    (tx) => saveMacroSettings({ db: tx, settings: input }),
    () => ({ action: "macros.settings_changed", details: { agentsCreateOwn: input.agentsCreateOwn } }),
  );
  refresh();
  return { agentsCreateOwn: input.agentsCreateOwn };
});
