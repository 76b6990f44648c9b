import type { Twilio } from "twilio";
import type { Database } from "@/db/client";
import { getIntegration, getIntegrationByNumber, insertIntegration, recordEventOnOpenTickets, updateIntegration } from "@/db/queries/integrations";
import { recordAuditEntry } from "@/db/queries/audit";
import { getPhoneNumber } from "@/db/queries/phone-numbers";
import type { SmsIntegration } from "@/db/schema";
import { publicBaseUrl } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { formatPhoneNumber } from "@/lib/phone/normalize";
import { TICKET_EVENTS } from "@/lib/tickets/events";
import { supportOfOwnedNumber } from "@/lib/phone-numbers/manage";
import { isTwilioNotFound, twilioFailure } from "@/lib/twilio/rest-error";
import { CLEARED_WEBHOOKS, expectedWebhooks } from "./webhooks";

function alreadyHasOne(e164: string, name: string | undefined): AppError {
  const message = `${formatPhoneNumber(e164)} already has an SMS integration${name ? ` (“${name}”)` : ""}. Choose another number.`;
  return new AppError("conflict", message, { phoneNumberId: message });
}

/** Points the number's SMS webhooks at this app. Throws a readable AppError when Twilio refuses. */
export async function pointNumberAtApp({ twilio, twilioSid, e164, doing }: { twilio: Twilio; twilioSid: string; e164: string; doing?: string }) {
  try {
    await twilio.incomingPhoneNumbers(twilioSid).update(expectedWebhooks(publicBaseUrl()));
  } catch (error) {
    throw twilioFailure(error, doing ?? `SMS could not be set up on ${formatPhoneNumber(e164)}`, {
      20404: "Twilio no longer has this number in your account. It may have been released in the Twilio console.",
    });
  }
}

function isForeignKeyViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    if ((current as { code?: unknown }).code === "23503") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Adds SMS to an owned number: Twilio is told first, and the integration is saved only
 * once Twilio accepted, so a refusal leaves nothing behind. Of two admins adding one on
 * the same number at once, the unique index lets one insert win; the other is told, and
 * its Twilio call wrote the very same URLs, so the winner's set-up stays intact.
 */
export async function createSmsIntegration({
  db,
  twilio,
  name,
  phoneNumberId,
  actorId,
}: {
  db: Database;
  twilio: Twilio;
  name: string;
  phoneNumberId: string;
  actorId: string;
}): Promise<SmsIntegration> {
  const number = await getPhoneNumber({ db, id: phoneNumberId });
  if (!number) {
    const message = "That number is not one of yours any more. Choose another.";
    throw new AppError("not_found", message, { phoneNumberId: message });
  }
  const support = supportOfOwnedNumber(number);
  if (!support.sms) {
    const message = `${formatPhoneNumber(number.e164)} cannot have SMS. ${support.reason ?? ""}`.trim();
    throw new AppError("bad_request", message, { phoneNumberId: message });
  }
  const existing = await getIntegrationByNumber({ db, e164: number.e164 });
  if (existing) throw alreadyHasOne(number.e164, existing.name);

  await pointNumberAtApp({ twilio, twilioSid: number.twilioSid, e164: number.e164 });

  let integration: SmsIntegration | null;
  try {
    integration = await insertIntegration({ db, integration: { name, phoneNumberId: number.id, phoneE164: number.e164 } });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AppError("conflict", `${formatPhoneNumber(number.e164)} was released meanwhile. Choose another number.`);
    throw error;
  }
  if (!integration) {
    const winner = await getIntegrationByNumber({ db, e164: number.e164 });
    throw alreadyHasOne(number.e164, winner?.name);
  }
  await recordAuditEntry({ db, action: "integration.created", actorId, details: { integrationId: integration.id, name, phoneE164: number.e164 } });
  log.info({ event: "integration_created", integrationId: integration.id }, "sms integration created");
  return integration;
}

async function liveIntegration(db: Database, id: string): Promise<SmsIntegration> {
  const integration = await getIntegration({ db, id });
  if (!integration) throw new AppError("not_found", "That SMS integration no longer exists.");
  return integration;
}

/**
 * Removes SMS from the number at Twilio, then deletes the integration softly: its
 * tickets and messages stay. If Twilio refuses, nothing changes here either.
 */
export async function deleteSmsIntegration({ db, twilio, id, actorId }: { db: Database; twilio: Twilio; id: string; actorId: string }): Promise<void> {
  const integration = await liveIntegration(db, id);
  const number = integration.phoneNumberId ? await getPhoneNumber({ db, id: integration.phoneNumberId }) : null;
  if (number) {
    try {
      await twilio.incomingPhoneNumbers(number.twilioSid).update({ ...CLEARED_WEBHOOKS });
    } catch (error) {
      // A number Twilio no longer has sends nothing here anyway.
      if (!isTwilioNotFound(error)) throw twilioFailure(error, `SMS could not be removed from ${formatPhoneNumber(number.e164)}, so the integration was kept`);
    }
  }
  await db.transaction(async (tx) => {
    await updateIntegration({ db: tx, id, changes: { deletedAt: new Date() } });
    await recordAuditEntry({ db: tx, action: "integration.deleted", actorId, details: { integrationId: id, name: integration.name } });
    await recordEventOnOpenTickets({ db: tx, integrationId: id, type: TICKET_EVENTS.integrationDeleted, actorId, data: { integrationName: integration.name } });
  });
  log.info({ event: "integration_deleted", integrationId: id }, "sms integration deleted");
}

export async function renameSmsIntegration({ db, id, name }: { db: Database; id: string; name: string }): Promise<SmsIntegration> {
  await liveIntegration(db, id);
  const updated = await updateIntegration({ db, id, changes: { name } });
  if (!updated) throw new AppError("not_found", "That SMS integration no longer exists.");
  return updated;
}

export async function updateSmsIntegrationSettings({
  db,
  id,
  settings,
}: {
  db: Database;
  id: string;
  settings: { reopenWindowDays: number; maxMessageLength: number };
}): Promise<SmsIntegration> {
  const updated = await updateIntegration({ db, id, changes: settings });
  if (!updated) throw new AppError("not_found", "That SMS integration no longer exists.");
  return updated;
}
