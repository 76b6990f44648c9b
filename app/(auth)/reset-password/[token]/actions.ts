"use server";

import { getDb } from "@/db";
import { fieldErrorsOf } from "@/lib/auth/validation";
import { failure, type ActionResult } from "@/lib/errors";
import { redeemPasswordResetLink } from "@/lib/users/password-reset";
import { passwordResetSchema } from "@/lib/users/validation";

/** Public: the link's secret is the credential, checked and throttled in redeemPasswordResetLink. */
export async function resetPasswordAction(_prev: unknown, form: FormData): Promise<ActionResult<{ email: string }>> {
  const parsed = passwordResetSchema.safeParse({ token: form.get("token"), password: form.get("password"), confirmPassword: form.get("confirmPassword") });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { ok: false, message: fieldErrors.token ? "This password reset link does not work. Ask an admin for a new one." : "Check the highlighted fields.", fieldErrors };
  }
  try {
    return { ok: true, ...(await redeemPasswordResetLink({ db: await getDb(), token: parsed.data.token, password: parsed.data.password })) };
  } catch (error) {
    return failure(error);
  }
}
