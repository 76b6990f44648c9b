"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getIntegration } from "@/db/queries/integrations";
import { AppError } from "@/lib/errors";
import { action, CHECK_FIELDS, formAction } from "@/lib/http/action";
import { allowCountry, disallowCountry } from "@/lib/integrations/countries";
import { repairSmsIntegration } from "@/lib/integrations/health";
import { chooseMessagingService, messagingServiceChoiceSchema } from "@/lib/integrations/messaging-service";
import { checkIntegrationReadiness } from "@/lib/integrations/readiness";
import { createSmsIntegration, deleteSmsIntegration, renameSmsIntegration, updateSmsIntegrationSettings } from "@/lib/integrations/manage";
import { deactivateSmsIntegration, reactivateSmsIntegration } from "@/lib/integrations/status";
import { countrySchema, deactivationSchema, integrationSettingsSchema, newIntegrationSchema, renameSchema } from "@/lib/integrations/validation";
import { idSchema } from "@/lib/phone-numbers/validation";
import { getTwilioClient } from "@/lib/twilio/client";

const LIST = "/settings/integrations/sms";
const COUNTRIES = "/settings/integrations/sms/countries";
const GONE = "That SMS integration no longer exists.";

function refresh(id?: string) {
  revalidatePath(LIST);
  if (id) revalidatePath(`${LIST}/${id}`);
  revalidatePath("/settings/phone-numbers");
}

/** The form's hidden `id` names the integration: a bad one means it is gone, else the fields say what to fix. */
function goneOrFields(fieldErrors: Record<string, string>) {
  return fieldErrors.id ? { message: GONE } : { message: CHECK_FIELDS, fieldErrors };
}

export const createIntegrationAction = formAction(
  { role: "admin", schema: newIntegrationSchema, fields: (form) => ({ name: form.get("name") ?? "", phoneNumberId: form.get("phoneNumberId") ?? "" }) },
  async ({ db, user, input }) => {
    await createSmsIntegration({ db, twilio: await getTwilioClient(), ...input, actorId: user.id });
    refresh();
    redirect(LIST);
  },
);

export const renameIntegrationAction = formAction(
  { role: "admin", schema: idSchema.extend(renameSchema.shape), fields: (form) => ({ id: form.get("id"), name: form.get("name") ?? "" }), invalid: goneOrFields },
  async ({ audited, input: { id, name } }) => {
    await audited(
      async (tx) => ({ before: await getIntegration({ db: tx, id }), renamed: await renameSmsIntegration({ db: tx, id, name }) }),
      ({ before, renamed }) => ({ action: "integration.renamed", target: { integrationId: id, previousName: before?.name, name: renamed.name } }),
    );
    refresh(id);
  },
);

export const updateSettingsAction = formAction(
  {
    role: "admin",
    schema: idSchema.extend(integrationSettingsSchema.shape),
    fields: (form) => ({ id: form.get("id"), reopenWindowDays: form.get("reopenWindowDays") ?? "", maxMessageLength: form.get("maxMessageLength") ?? "" }),
    invalid: goneOrFields,
  },
  async ({ audited, input: { id, ...settings } }) => {
    await audited(
      (tx) => updateSmsIntegrationSettings({ db: tx, id, settings }),
      (updated) => ({ action: "integration.settings_changed", target: { integrationId: id, name: updated.name }, details: settings }),
    );
    refresh(id);
  },
);

export const deactivateIntegrationAction = formAction(
  { role: "admin", schema: idSchema.extend(deactivationSchema.shape), fields: (form) => ({ id: form.get("id"), reason: form.get("reason") ?? "" }), invalid: goneOrFields },
  async ({ db, user, input }) => {
    await deactivateSmsIntegration({ db, id: input.id, reason: input.reason, actorId: user.id });
    refresh(input.id);
  },
);

export const reactivateIntegrationAction = action({ role: "admin", schema: idSchema, invalid: GONE }, async ({ db, user, input }) => {
  await reactivateSmsIntegration({ db, id: input.id, actorId: user.id });
  refresh(input.id);
});

export const repairIntegrationAction = action({ role: "admin", schema: idSchema, invalid: GONE }, async ({ db, input }) => {
  const health = await repairSmsIntegration({ db, twilio: await getTwilioClient(), id: input.id });
  refresh(input.id);
  return { health };
});

/** Sends the integration's replies through the chosen Messaging Service, or from its number again. */
export const setMessagingServiceAction = formAction(
  { role: "admin", schema: messagingServiceChoiceSchema, fields: (form) => ({ id: form.get("id"), messagingServiceSid: form.get("messagingServiceSid") }), invalid: goneOrFields },
  async ({ db, user, input }) => {
    await chooseMessagingService({ db, twilio: await getTwilioClient(), ...input, actorId: user.id });
    refresh(input.id);
  },
);

/** Asks Twilio again about the number's US registration, past the answer kept for a few minutes. */
export const recheckReadinessAction = action({ role: "admin", schema: idSchema, invalid: GONE }, async ({ db, input }) => {
  const integration = await getIntegration({ db, id: input.id });
  if (!integration) throw new AppError("not_found", GONE);
  await checkIntegrationReadiness({ db, twilio: await getTwilioClient(), integration, fresh: true });
  refresh(input.id);
});

export const deleteIntegrationAction = action({ role: "admin", schema: idSchema, invalid: GONE }, async ({ db, user, input }) => {
  await deleteSmsIntegration({ db, twilio: await getTwilioClient(), id: input.id, actorId: user.id });
  refresh(input.id);
  redirect(`${LIST}?deleted=1`);
});

// Countries allowed on top of the built-in list.

export const allowCountryAction = formAction(
  { role: "admin", schema: countrySchema, fields: (form) => ({ country: form.get("country") ?? "" }), invalid: (fieldErrors) => ({ message: "Choose a country.", fieldErrors }) },
  async ({ audited, user, input: { country } }) => {
    await audited(
      (tx) => allowCountry({ db: tx, country, actorId: user.id }),
      () => ({ action: "country.allowed", target: { country } }),
    );
    revalidatePath(COUNTRIES);
    revalidatePath(LIST);
  },
);

export const removeCountryAction = action({ role: "admin", schema: countrySchema, invalid: "Choose a country." }, async ({ audited, input: { country } }) => {
  await audited(
    (tx) => disallowCountry({ db: tx, country }),
    () => ({ action: "country.removed", target: { country } }),
  );
  revalidatePath(COUNTRIES);
  revalidatePath(LIST);
});
