"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { recordAdminAction, withAdminAction } from "@/db/queries/audit";
import { getPhoneNumber } from "@/db/queries/phone-numbers";
import { getPortRequest } from "@/db/queries/port-requests";
import { requireAdmin } from "@/lib/auth/session";
import { fieldErrorsOf } from "@/lib/auth/validation";
import { twilioMode } from "@/lib/config/env";
import { AppError, failure, type ActionResult } from "@/lib/errors";
import { buyPhoneNumber, importPhoneNumbers, releasePhoneNumber } from "@/lib/phone-numbers/manage";
import { checkPortRequest, completePortInSandbox, markPortInProgress, rejectPortRequest, submitPortRequest } from "@/lib/phone-numbers/porting";
import { searchAvailableNumbers, type AvailableNumber } from "@/lib/phone-numbers/search";
import { buyNumberSchema, idSchema, importNumbersSchema, numberSearchSchema, portRejectionSchema, portRequestSchema } from "@/lib/phone-numbers/validation";
import { getTwilioClient } from "@/lib/twilio/client";

const LIST = "/settings/phone-numbers";
const CHECK_FIELDS = "Check the highlighted fields.";

export async function searchNumbersAction(_prev: unknown, form: FormData): Promise<ActionResult<{ results: AvailableNumber[] }>> {
  await requireAdmin();
  const parsed = numberSearchSchema.safeParse({
    country: form.get("country"),
    type: form.get("type"),
    areaCode: form.get("areaCode") ?? undefined,
    contains: form.get("contains") ?? undefined,
  });
  if (!parsed.success) return { ok: false, message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    return { ok: true, results: await searchAvailableNumbers({ twilio: await getTwilioClient(), search: parsed.data }) };
  } catch (error) {
    return failure(error);
  }
}

export async function buyNumberAction(input: { phoneNumber: string; type: string }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = buyNumberSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "That number cannot be bought." };
  let bought;
  try {
    bought = await buyPhoneNumber({ db: await getDb(), twilio: await getTwilioClient(), e164: parsed.data.phoneNumber, type: parsed.data.type });
    await recordAdminAction({ db: await getDb(), actorId: admin.id, action: "phone_number.bought", target: { phoneNumberId: bought.id, e164: bought.e164 } });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(LIST);
  redirect(`${LIST}?added=${encodeURIComponent(bought.e164)}`);
}

export async function importNumbersAction(_prev: unknown, form: FormData): Promise<ActionResult<{ count: number }>> {
  const admin = await requireAdmin();
  const parsed = importNumbersSchema.safeParse({ sids: form.getAll("sid") });
  if (!parsed.success) return { ok: false, message: "Choose at least one number to import." };
  let count;
  try {
    const imported = await importPhoneNumbers({ db: await getDb(), twilio: await getTwilioClient(), sids: parsed.data.sids });
    count = imported.length;
    if (count > 0) await recordAdminAction({ db: await getDb(), actorId: admin.id, action: "phone_number.imported", target: { e164s: imported.map((number) => number.e164) } });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(LIST);
  redirect(`${LIST}?imported=${count}`);
}

export async function submitPortRequestAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = portRequestSchema.safeParse(Object.fromEntries(["phoneNumber", "currentCarrier", "carrierAccountNumber", "carrierPin", "authorizedName", "serviceAddress"].map((key) => [key, form.get(key) ?? ""])));
  if (!parsed.success) return { ok: false, message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await withAdminAction({
      db: await getDb(),
      change: (tx) => submitPortRequest({ db: tx, input: parsed.data, actorId: admin.id }),
      // The number only: the carrier account number, PIN and address stay out of the log.
      entry: (request) => ({ actorId: admin.id, action: "port_request.submitted", target: { portRequestId: request.id, e164: request.e164 } }),
    });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`${LIST}/port`);
  return { ok: true };
}

/** Completing a port calls Twilio, so its entry is written after the change (no network inside a transaction). */
async function recordPortCompleted(actorId: string, id: string) {
  const db = await getDb();
  const request = await getPortRequest({ db, id });
  await recordAdminAction({ db, actorId, action: "port_request.completed", target: { portRequestId: id, e164: request?.e164 } });
}

/** The sandbox plays the carrier; with a real Twilio account only the carrier moves the number. */
function sandboxOnly() {
  if (twilioMode() !== "sandbox") throw new AppError("forbidden", "Only the carrier completes a real port; use “Check status” once it says it is done.");
}

export async function completePortAction(input: { id: string }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = idSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "That port request does not exist." };
  try {
    sandboxOnly();
    await completePortInSandbox({ db: await getDb(), twilio: await getTwilioClient(), id: parsed.data.id });
    await recordPortCompleted(admin.id, parsed.data.id);
  } catch (error) {
    return failure(error);
  }
  revalidatePath(LIST, "layout");
  return { ok: true };
}

/** The carrier accepted the port and is working on it. */
export async function markPortInProgressAction(input: { id: string }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = idSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "That port request does not exist." };
  try {
    await withAdminAction({
      db: await getDb(),
      change: (tx) => markPortInProgress({ db: tx, id: parsed.data.id }),
      entry: (request) => ({ actorId: admin.id, action: "port_request.in_progress", target: { portRequestId: request.id, e164: request.e164 } }),
    });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`${LIST}/port`);
  return { ok: true };
}

/** Looks for the number among the Twilio account's numbers; completes the port when it is there. */
export async function checkPortAction(input: { id: string }): Promise<ActionResult<{ completed: boolean; message: string }>> {
  await requireAdmin();
  const parsed = idSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "That port request does not exist." };
  let check;
  try {
    check = await checkPortRequest({ db: await getDb(), twilio: await getTwilioClient(), id: parsed.data.id });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(LIST, "layout");
  return { ok: true, ...check };
}

/** The carrier refused the port, for the reason the admin records. */
export async function rejectPortAction(input: { id: string; reason: string }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = portRejectionSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { ok: false, message: fieldErrors.reason ?? "That port request does not exist.", fieldErrors };
  }
  try {
    await withAdminAction({
      db: await getDb(),
      change: async (tx) => {
        await rejectPortRequest({ db: tx, id: parsed.data.id, reason: parsed.data.reason });
        return getPortRequest({ db: tx, id: parsed.data.id });
      },
      entry: (request) => ({ actorId: admin.id, action: "port_request.rejected", target: { portRequestId: parsed.data.id, e164: request?.e164 }, details: { reason: parsed.data.reason } }),
    });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`${LIST}/port`);
  return { ok: true };
}

export async function releaseNumberAction(input: { id: string }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = idSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "That number is not one of yours." };
  try {
    const db = await getDb();
    const number = await getPhoneNumber({ db, id: parsed.data.id });
    await releasePhoneNumber({ db, twilio: await getTwilioClient(), id: parsed.data.id });
    await recordAdminAction({ db, actorId: admin.id, action: "phone_number.released", target: { phoneNumberId: parsed.data.id, e164: number?.e164 } });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(LIST);
  return { ok: true };
}
