"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { failure, type ActionResult } from "@/lib/errors";
import { requireAdmin } from "@/lib/auth/session";
import { fieldErrorsOf, newUserSchema } from "@/lib/auth/validation";
import { addUser, changeUserRole, setUserActive } from "@/lib/users/manage";
import { makePasswordResetLink } from "@/lib/users/password-reset";
import { resetLinkRequestSchema } from "@/lib/users/validation";

export async function addUserAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = newUserSchema.safeParse({
    name: form.get("name"),
    email: form.get("email"),
    password: form.get("password"),
    role: form.get("role") ?? "agent",
  });
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await addUser({ db: await getDb(), ...parsed.data, actorId: admin.id });
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/settings/users");
  return { ok: true };
}

const roleChange = z.object({ userId: z.uuid(), role: z.enum(["admin", "agent"]) });

export async function changeRoleAction(input: { userId: string; role: string }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = roleChange.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Choose admin or agent." };
  try {
    await changeUserRole({ db: await getDb(), actor: admin, ...parsed.data });
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/settings/users");
  return { ok: true };
}

const activeChange = z.object({ userId: z.uuid(), active: z.boolean() });

export async function setActiveAction(input: { userId: string; active: boolean }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = activeChange.safeParse(input);
  if (!parsed.success) return { ok: false, message: "That user does not exist." };
  try {
    await setUserActive({ db: await getDb(), actor: admin, ...parsed.data });
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/settings/users");
  return { ok: true };
}

/** The link is returned once, to be passed on by the admin; it is stored only as a hash. */
export async function makeResetLinkAction(input: { userId: string }): Promise<ActionResult<{ url: string; expiresAt: string }>> {
  const admin = await requireAdmin();
  const parsed = resetLinkRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "That user does not exist." };
  try {
    const { url, expiresAt } = await makePasswordResetLink({ db: await getDb(), userId: parsed.data.userId, actor: admin });
    return { ok: true, url, expiresAt: expiresAt.toISOString() };
  } catch (error) {
    return failure(error);
  }
}
