"use server";

import { getDb } from "@/db";
import { failure, type ActionResult } from "@/lib/errors";
import { fieldErrorsOf, firstAdminSchema } from "@/lib/auth/validation";
import { createFirstAdmin } from "@/lib/setup/first-admin";

export async function createFirstAdminAction(_prev: unknown, form: FormData): Promise<ActionResult<{ email: string }>> {
  const parsed = firstAdminSchema.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  }
  try {
    const user = await createFirstAdmin({ db: await getDb(), ...parsed.data });
    return { ok: true, email: user.email };
  } catch (error) {
    return failure(error);
  }
}
