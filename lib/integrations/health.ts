import type { Twilio } from "twilio";
import type { Database } from "@/db/client";
import { getIntegration } from "@/db/queries/integrations";
import { getPhoneNumber } from "@/db/queries/phone-numbers";
import type { PhoneNumber, SmsIntegration } from "@/db/schema";
import { publicBaseUrl } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { formatPhoneNumber } from "@/lib/phone/normalize";
import { isTwilioNotFound, twilioFailure } from "@/lib/twilio/rest-error";
import { pointNumberAtApp } from "./manage";
import { expectedWebhooks, webhookProblems, type WebhookProblem } from "./webhooks";

export type IntegrationHealth =
  | { state: "healthy"; checkedAt: Date }
  | { state: "misconfigured"; checkedAt: Date; problems: WebhookProblem[] }
  /** The number is gone (released here or in the Twilio console): repair cannot help. */
  | { state: "number-missing"; checkedAt: Date; message: string }
  /** Twilio could not be asked; nothing is known. */
  | { state: "unknown"; checkedAt: Date; message: string };

async function numberOf(db: Database, integration: SmsIntegration): Promise<PhoneNumber | null> {
  return integration.phoneNumberId ? getPhoneNumber({ db, id: integration.phoneNumberId }) : null;
}

/** Reads the number back from Twilio and says whether its SMS settings still point at this app. */
export async function checkIntegrationHealth({
  db,
  twilio,
  integration,
}: {
  db: Database;
  twilio: Twilio;
  integration: SmsIntegration;
}): Promise<IntegrationHealth> {
  const checkedAt = new Date();
  const shown = formatPhoneNumber(integration.phoneE164);
  const number = await numberOf(db, integration);
  if (!number) return { state: "number-missing", checkedAt, message: `${shown} is no longer one of your numbers. Delete this integration.` };
  let instance;
  try {
    instance = await twilio.incomingPhoneNumbers(number.twilioSid).fetch();
  } catch (error) {
    if (isTwilioNotFound(error)) {
      return {
        state: "number-missing",
        checkedAt,
        message: `Twilio no longer has ${shown} in your account; it may have been released in the Twilio console. Delete this integration.`,
      };
    }
    return { state: "unknown", checkedAt, message: twilioFailure(error, `The settings of ${shown} could not be read`).message };
  }
  const problems = webhookProblems(instance, expectedWebhooks(publicBaseUrl()));
  return problems.length === 0 ? { state: "healthy", checkedAt } : { state: "misconfigured", checkedAt, problems };
}

/** Points the number at this app again, and reads it back to prove it worked. */
export async function repairSmsIntegration({ db, twilio, id }: { db: Database; twilio: Twilio; id: string }): Promise<IntegrationHealth> {
  const integration = await getIntegration({ db, id });
  if (!integration) throw new AppError("not_found", "That SMS integration no longer exists.");
  const number = await numberOf(db, integration);
  if (!number) throw new AppError("conflict", `${formatPhoneNumber(integration.phoneE164)} is no longer one of your numbers, so it cannot be repaired.`);
  const current = await twilio.incomingPhoneNumbers(number.twilioSid).fetch().catch(() => null);
  await pointNumberAtApp({
    twilio,
    twilioSid: number.twilioSid,
    e164: number.e164,
    doing: `${formatPhoneNumber(number.e164)} could not be repaired`,
  });
  // An attached Twilio app overrides every URL; repairing means detaching it.
  if (current?.smsApplicationSid) {
    await twilio.incomingPhoneNumbers(number.twilioSid).update({ smsApplicationSid: "" }).catch((error: unknown) => {
      throw twilioFailure(error, `${formatPhoneNumber(number.e164)} could not be repaired`);
    });
  }
  log.info({ event: "integration_repaired", integrationId: id }, "sms integration repaired");
  return checkIntegrationHealth({ db, twilio, integration });
}
