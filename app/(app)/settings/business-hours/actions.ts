"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { type ActionResult } from "@/lib/errors";
import { saveBusinessHours } from "@/lib/rules/store";
import { businessHoursSchema, fieldErrorsOf } from "@/lib/rules/validation";

export async function saveBusinessHoursAction(input: unknown): Promise<ActionResult> {
  await requireAdmin();
  const parsed = businessHoursSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  await saveBusinessHours({ db: await getDb(), hours: parsed.data });
  revalidatePath("/settings/business-hours");
  revalidatePath("/settings/rules");
  return { ok: true };
}
