import type { Twilio } from "twilio";
import { z } from "zod";
import type { Database } from "@/db/client";
import { recordAuditEntry } from "@/db/queries/audit";
import { getIntegration, updateIntegration } from "@/db/queries/integrations";
import { getPhoneNumber } from "@/db/queries/phone-numbers";
import type { SmsIntegration } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { formatPhoneNumber } from "@/lib/phone/normalize";
import { isTwilioNotFound, twilioFailure } from "@/lib/twilio/rest-error";

export type MessagingServiceOption = { sid: string; friendlyName: string };

export const messagingServiceChoiceSchema = z.object({
  id: z.uuid({ error: "That SMS integration no longer exists." }),
  messagingServiceSid: z
    .string({ error: "Choose a Messaging Service, or the number itself." })
    .trim()
    .refine((value) => value === "" || /^MG[0-9a-fA-F]{32}$/.test(value), "Choose a Messaging Service from the list.")
    .transform((value) => value || null),
});

/** The account's Messaging Services, for the admin to pick one. */
export async function listMessagingServices({ twilio }: { twilio: Twilio }): Promise<MessagingServiceOption[]> {
  try {
    const services = await twilio.messaging.v1.services.list({ limit: 200 });
    return services.map((service) => ({ sid: service.sid, friendlyName: service.friendlyName }));
  } catch (error) {
    throw twilioFailure(error, "Your Messaging Services could not be listed");
  }
}

/**
 * Makes the integration send through a Messaging Service (or, with null, from its number
 * again). The service must hold the integration's number: Twilio then sends from that number
 * (sticky sender), so customers' replies come back to it and reach this integration, which
 * inbound texts find by their To.
 */
export async function chooseMessagingService({
  db,
  twilio,
  id,
  messagingServiceSid,
  actorId,
}: {
  db: Database;
  twilio: Twilio;
  id: string;
  messagingServiceSid: string | null;
  actorId: string;
}): Promise<SmsIntegration> {
  const integration = await getIntegration({ db, id });
  if (!integration) throw new AppError("not_found", "That SMS integration no longer exists.");
  let serviceName: string | null = null;
  if (messagingServiceSid) {
    const shown = formatPhoneNumber(integration.phoneE164);
    const number = integration.phoneNumberId ? await getPhoneNumber({ db, id: integration.phoneNumberId }) : null;
    if (!number) throw new AppError("conflict", `${shown} is no longer one of your numbers, so it cannot send through a Messaging Service.`);
    let members;
    try {
      serviceName = (await twilio.messaging.v1.services(messagingServiceSid).fetch()).friendlyName;
      members = await twilio.messaging.v1.services(messagingServiceSid).phoneNumbers.list({ limit: 400 });
    } catch (error) {
      if (isTwilioNotFound(error)) throw new AppError("not_found", "That Messaging Service is not in your Twilio account any more. Reload the page and choose again.");
      throw twilioFailure(error, "The Messaging Service could not be read");
    }
    if (!members.some((member) => member.sid === number.twilioSid || member.phoneNumber === number.e164)) {
      throw new AppError(
        "conflict",
        `${shown} is not in the Messaging Service “${serviceName}”. Add it to that service in the Twilio console first, so customers’ replies come back to this number.`,
      );
    }
  }
  return db.transaction(async (tx) => {
    const updated = await updateIntegration({ db: tx, id, changes: { messagingServiceSid } });
    if (!updated) throw new AppError("not_found", "That SMS integration no longer exists.");
    await recordAuditEntry({
      db: tx,
      actorId,
      action: "integration.messaging_service_changed",
      target: { integrationId: id, name: updated.name },
      details: { messagingServiceSid, serviceName },
    });
    return updated;
  });
}
