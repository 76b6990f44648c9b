"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { recordAdminAction } from "@/db/queries/audit";
import { requireAdmin } from "@/lib/auth/session";
import { type ActionResult } from "@/lib/errors";
import { saveSmsPrice, smsPriceSchema } from "@/lib/reports/prices";

/** Sets the price per SMS segment for one country, for the cost estimate on the reports page. */
export async function saveSmsPriceAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = smsPriceSchema.safeParse({ country: form.get("country") ?? "", sent: form.get("sent") ?? "", received: form.get("received") ?? "", asOf: form.get("asOf") ?? "" });
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    return { ok: false, message: "Check the highlighted fields.", fieldErrors };
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    await saveSmsPrice({ db: tx, price: parsed.data });
    await recordAdminAction({ db: tx, actorId: admin.id, action: "sms_price.updated", target: { country: parsed.data.country }, details: { sent: String(parsed.data.sent), received: String(parsed.data.received), asOf: parsed.data.asOf } });
  });
  revalidatePath("/reports");
  return { ok: true };
}
