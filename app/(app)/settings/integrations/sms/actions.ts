"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { withAdminAction } from "@/db/queries/audit";
import { getIntegration } from "@/db/queries/integrations";
import { requireAdmin } from "@/lib/auth/session";
import { fieldErrorsOf } from "@/lib/auth/validation";
import { failure, type ActionResult } from "@/lib/errors";
import type { IntegrationHealth } from "@/lib/integrations/health";
import { repairSmsIntegration } from "@/lib/integrations/health";
import { chooseMessagingService, messagingServiceChoiceSchema } from "@/lib/integrations/messaging-service";
import { checkIntegrationReadiness } from "@/lib/integrations/readiness";
import { createSmsIntegration, deleteSmsIntegration, renameSmsIntegration, updateSmsIntegrationSettings } from "@/lib/integrations/manage";
import { deactivateSmsIntegration, reactivateSmsIntegration } from "@/lib/integrations/status";
import { deactivationSchema, integrationSettingsSchema, newIntegrationSchema, renameSchema } from "@/lib/integrations/validation";
import { idSchema } from "@/lib/phone-numbers/validation";
import { getTwilioClient } from "@/lib/twilio/client";

const LIST = "/settings/integrations/sms";
const CHECK_FIELDS = "Check the highlighted fields.";
const GONE = "That SMS integration no longer exists.";

function refresh(id?: string) {
  revalidatePath(LIST);
  if (id) revalidatePath(`${LIST}/${id}`);
  revalidatePath("/settings/phone-numbers");
}

export async function createIntegrationAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = newIntegrationSchema.safeParse({ name: form.get("name") ?? "", phoneNumberId: form.get("phoneNumberId") ?? "" });
  if (!parsed.success) return { ok: false, message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await createSmsIntegration({ db: await getDb(), twilio: await getTwilioClient(), ...parsed.data, actorId: admin.id });
  } catch (error) {
    return failure(error);
  }
  refresh();
  redirect(LIST);
}

/** Reads the integration id the form carries in a hidden field. */
function idOf(form: FormData): string | null {
  const parsed = idSchema.safeParse({ id: form.get("id") });
  return parsed.success ? parsed.data.id : null;
}

export async function renameIntegrationAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const id = idOf(form);
  if (!id) return { ok: false, message: GONE };
  const parsed = renameSchema.safeParse({ name: form.get("name") ?? "" });
  if (!parsed.success) return { ok: false, message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await withAdminAction({
      db: await getDb(),
      change: async (tx) => {
        const before = await getIntegration({ db: tx, id });
        return { before, renamed: await renameSmsIntegration({ db: tx, id, name: parsed.data.name }) };
      },
      entry: ({ before, renamed }) => ({ actorId: admin.id, action: "integration.renamed", target: { integrationId: id, previousName: before?.name, name: renamed.name } }),
    });
  } catch (error) {
    return failure(error);
  }
  refresh(id);
  return { ok: true };
}

export async function updateSettingsAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const id = idOf(form);
  if (!id) return { ok: false, message: GONE };
  const parsed = integrationSettingsSchema.safeParse({ reopenWindowDays: form.get("reopenWindowDays") ?? "", maxMessageLength: form.get("maxMessageLength") ?? "" });
  if (!parsed.success) return { ok: false, message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await withAdminAction({
      db: await getDb(),
      change: (tx) => updateSmsIntegrationSettings({ db: tx, id, settings: parsed.data }),
      entry: (updated) => ({ actorId: admin.id, action: "integration.settings_changed", target: { integrationId: id, name: updated.name }, details: parsed.data }),
    });
  } catch (error) {
    return failure(error);
  }
  refresh(id);
  return { ok: true };
}

export async function deactivateIntegrationAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const id = idOf(form);
  if (!id) return { ok: false, message: GONE };
  const parsed = deactivationSchema.safeParse({ reason: form.get("reason") ?? "" });
  if (!parsed.success) return { ok: false, message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await deactivateSmsIntegration({ db: await getDb(), id, reason: parsed.data.reason, actorId: admin.id });
  } catch (error) {
    return failure(error);
  }
  refresh(id);
  return { ok: true };
}

export async function reactivateIntegrationAction(input: { id: string }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = idSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: GONE };
  try {
    await reactivateSmsIntegration({ db: await getDb(), id: parsed.data.id, actorId: admin.id });
  } catch (error) {
    return failure(error);
  }
  refresh(parsed.data.id);
  return { ok: true };
}

export async function repairIntegrationAction(input: { id: string }): Promise<ActionResult<{ health: IntegrationHealth }>> {
  await requireAdmin();
  const parsed = idSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: GONE };
  let health;
  try {
    health = await repairSmsIntegration({ db: await getDb(), twilio: await getTwilioClient(), id: parsed.data.id });
  } catch (error) {
    return failure(error);
  }
  refresh(parsed.data.id);
  return { ok: true, health };
}

/** Sends the integration's replies through the chosen Messaging Service, or from its number again. */
export async function setMessagingServiceAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = messagingServiceChoiceSchema.safeParse({ id: form.get("id"), messagingServiceSid: form.get("messagingServiceSid") });
  if (!parsed.success) return { ok: false, message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await chooseMessagingService({ db: await getDb(), twilio: await getTwilioClient(), ...parsed.data, actorId: admin.id });
  } catch (error) {
    return failure(error);
  }
  refresh(parsed.data.id);
  return { ok: true };
}

/** Asks Twilio again about the number's US registration, past the answer kept for a few minutes. */
export async function recheckReadinessAction(input: { id: string }): Promise<ActionResult> {
  await requireAdmin();
  const parsed = idSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: GONE };
  const db = await getDb();
  const integration = await getIntegration({ db, id: parsed.data.id });
  if (!integration) return { ok: false, message: GONE };
  await checkIntegrationReadiness({ db, twilio: await getTwilioClient(), integration, fresh: true });
  refresh(parsed.data.id);
  return { ok: true };
}

export async function deleteIntegrationAction(input: { id: string }): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = idSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: GONE };
  try {
    await deleteSmsIntegration({ db: await getDb(), twilio: await getTwilioClient(), id: parsed.data.id, actorId: admin.id });
  } catch (error) {
    return failure(error);
  }
  refresh(parsed.data.id);
  redirect(`${LIST}?deleted=1`);
}
