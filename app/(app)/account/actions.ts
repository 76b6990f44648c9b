"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { reissueSessionCookie } from "@/lib/auth/reissue";
import { requireUser } from "@/lib/auth/session";
import { fieldErrorsOf } from "@/lib/auth/validation";
import { failure, type ActionResult } from "@/lib/errors";
import { changeOwnPassword, renameSelf } from "@/lib/users/account";
import { passwordChangeSchema, profileSchema } from "@/lib/users/validation";

export async function updateProfileAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = profileSchema.safeParse({ name: form.get("name") });
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await renameSelf({ db: await getDb(), user, name: parsed.data.name });
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/", "layout");
  return { ok: true };
}

export async function changePasswordAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = passwordChangeSchema.safeParse({
    currentPassword: form.get("currentPassword"),
    newPassword: form.get("newPassword"),
    confirmPassword: form.get("confirmPassword"),
  });
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const { sessionsValidFrom } = await changeOwnPassword({ db: await getDb(), user, ...parsed.data });
    // Every other session of this user has ended; this browser keeps its own.
    await reissueSessionCookie({ user, signedInAt: sessionsValidFrom });
  } catch (error) {
    return failure(error);
  }
  return { ok: true };
}
