"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { recordAdminAction } from "@/db/queries/audit";
import { requireAdmin } from "@/lib/auth/session";
import { type ActionResult } from "@/lib/errors";
import { saveBusinessHours } from "@/lib/rules/store";
import { businessHoursSchema, fieldErrorsOf } from "@/lib/rules/validation";

export async function saveBusinessHoursAction(input: unknown): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = businessHoursSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  const db = await getDb();
  await db.transaction(async (tx) => {
    await saveBusinessHours({ db: tx, hours: parsed.data });
    await recordAdminAction({ db: tx, actorId: admin.id, action: "business_hours.updated", details: { timeZone: parsed.data.timeZone } });
  });
  revalidatePath("/settings/business-hours");
  revalidatePath("/settings/rules");
  return { ok: true };
}
