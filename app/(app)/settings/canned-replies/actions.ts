"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
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
    const db = await getDb();
    const saved = id ? await editCannedReply({ db, id: id.data, input }) : await createCannedReply({ db, input, createdBy: admin.id });
    refresh();
    return { ok: true, id: saved.id };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteCannedReplyAction(input: { id: string }): Promise<ActionResult> {
  await requireAdmin();
  const id = cannedReplyIdSchema.safeParse(input?.id);
  if (!id.success) return { ok: false, message: GONE };
  try {
    await removeCannedReply({ db: await getDb(), id: id.data });
  } catch (error) {
    return failure(error);
  }
  refresh();
  return { ok: true };
}
