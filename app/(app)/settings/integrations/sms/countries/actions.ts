"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { withAdminAction } from "@/db/queries/audit";
import { requireAdmin } from "@/lib/auth/session";
import { fieldErrorsOf } from "@/lib/auth/validation";
import { failure, type ActionResult } from "@/lib/errors";
import { allowCountry, disallowCountry } from "@/lib/integrations/countries";
import { countrySchema } from "@/lib/integrations/validation";

const PAGE = "/settings/integrations/sms/countries";

export async function allowCountryAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = countrySchema.safeParse({ country: form.get("country") ?? "" });
  if (!parsed.success) return { ok: false, message: "Choose a country.", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await withAdminAction({
      db: await getDb(),
      change: (tx) => allowCountry({ db: tx, country: parsed.data.country, actorId: admin.id }),
      entry: () => ({ actorId: admin.id, action: "country.allowed", target: { country: parsed.data.country } }),
    });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(PAGE);
  revalidatePath("/settings/integrations/sms");
  return { ok: true };
}

export async function removeCountryAction(input: { country: string }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = countrySchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Choose a country." };
  try {
    await withAdminAction({
      db: await getDb(),
      change: (tx) => disallowCountry({ db: tx, country: parsed.data.country }),
      entry: () => ({ actorId: admin.id, action: "country.removed", target: { country: parsed.data.country } }),
    });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(PAGE);
  revalidatePath("/settings/integrations/sms");
  return { ok: true };
}
