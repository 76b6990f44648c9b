"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { withAdminAction } from "@/db/queries/audit";
import { getCannedReply } from "@/db/queries/canned-replies";
import { requireAdmin } from "@/lib/auth/session";
import { createCannedReply, editCannedReply, removeCannedReply } from "@/lib/canned-replies/manage";
import { cannedReplyIdSchema } from "@/lib/canned-replies/validation";
import { failure, type ActionResult } from "@/lib/errors";

const GONE = "This saved reply no longer exists.";

function refresh() {
  revalidatePath("/settings/canned-replies");
}

/** Creates a saved reply, or edits the one named by the form's `id`. */
export async function saveCannedReplyAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string }>> {
  const admin = await requireAdmin();
  // Whatever was posted is checked: a hand-made call may send no FormData at all.
  const field = (name: string) => (form instanceof FormData ? (form.get(name) ?? undefined) : undefined);
  const rawId = field("id");
  const id = typeof rawId === "string" && rawId !== "" ? cannedReplyIdSchema.safeParse(rawId) : null;
  if (id && !id.success) return { ok: false, message: GONE };
  const input = { title: field("title"), body: field("body") };
  try {
    const saved = await withAdminAction({
      db: await getDb(),
      change: (tx) => (id ? editCannedReply({ db: tx, id: id.data, input }) : createCannedReply({ db: tx, input, createdBy: admin.id })),
      entry: (reply) => ({ actorId: admin.id, action: id ? "saved_reply.updated" : "saved_reply.created", target: { savedReplyId: reply.id, title: reply.title } }),
    });
    refresh();
    return { ok: true, id: saved.id };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteCannedReplyAction(input: { id: string }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const id = cannedReplyIdSchema.safeParse(input?.id);
  if (!id.success) return { ok: false, message: GONE };
  try {
    await withAdminAction({
      db: await getDb(),
      change: async (tx) => {
        const reply = await getCannedReply({ db: tx, id: id.data });
        await removeCannedReply({ db: tx, id: id.data });
        return reply;
      },
      entry: (reply) => ({ actorId: admin.id, action: "saved_reply.deleted", target: { savedReplyId: id.data, title: reply?.title } }),
    });
  } catch (error) {
    return failure(error);
  }
  refresh();
  return { ok: true };
}
