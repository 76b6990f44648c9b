import type { Twilio } from "twilio";
import type { Database } from "@/db/client";
import { getPhoneNumberByE164 } from "@/db/queries/phone-numbers";
import { closePortRequest, getOpenPortRequestForNumber, getPortRequest, insertPortRequest } from "@/db/queries/port-requests";
import type { PortRequest } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { formatPhoneNumber } from "@/lib/phone/normalize";
import { twilioFailure } from "@/lib/twilio/rest-error";
import { adoptTwilioNumber } from "./manage";
import type { PortRequestInput } from "./validation";

/** What the sandbox's pretend carrier says when asked to reject a port. */
export const SANDBOX_REJECTION_REASON = "The current carrier rejected the port: the account number or PIN does not match their records.";

export async function submitPortRequest({ db, input, actorId }: { db: Database; input: PortRequestInput; actorId: string }): Promise<PortRequest> {
  const shown = formatPhoneNumber(input.phoneNumber);
  const field = (message: string) => new AppError("conflict", message, { phoneNumber: message });
  if (await getPhoneNumberByE164({ db, e164: input.phoneNumber })) throw field(`${shown} is already one of your numbers.`);
  if (await getOpenPortRequestForNumber({ db, e164: input.phoneNumber })) throw field(`A port request for ${shown} is already on its way.`);
  const { phoneNumber, ...rest } = input;
  const request = await insertPortRequest({ db, request: { ...rest, e164: phoneNumber, createdById: actorId } });
  log.info({ event: "port_request_submitted", portRequestId: request.id }, "port request submitted");
  return request;
}

async function openRequest(db: Database, id: string): Promise<PortRequest> {
  const request = await getPortRequest({ db, id });
  if (!request) throw new AppError("not_found", "That port request does not exist.");
  if (request.status === "completed" || request.status === "rejected") {
    throw new AppError("conflict", `The port of ${formatPhoneNumber(request.e164)} is already ${request.status}.`);
  }
  return request;
}

/**
 * Sandbox only: plays the carrier finishing the port. The number comes into the account
 * through the Twilio API, exactly as a real completed port makes it appear there.
 */
export async function completePortInSandbox({ db, twilio, id }: { db: Database; twilio: Twilio; id: string }): Promise<void> {
  const request = await openRequest(db, id);
  let instance;
  try {
    instance = await twilio.incomingPhoneNumbers.create({ phoneNumber: request.e164 });
  } catch (error) {
    throw twilioFailure(error, `The port of ${formatPhoneNumber(request.e164)} could not be completed`);
  }
  // Adopting completes the open request for this number in the same transaction.
  const row = await adoptTwilioNumber({ db, instance, source: "ported" });
  if (!row) throw new AppError("conflict", `${formatPhoneNumber(request.e164)} is already one of your numbers.`);
  log.info({ event: "port_request_completed", portRequestId: id }, "port request completed");
}

/** Sandbox only: plays the carrier refusing the port. */
export async function rejectPortInSandbox({ db, id }: { db: Database; id: string }): Promise<void> {
  await openRequest(db, id);
  const closed = await closePortRequest({ db, id, outcome: { status: "rejected", rejectionReason: SANDBOX_REJECTION_REASON } });
  if (!closed) throw new AppError("conflict", "That port request was already closed.");
  log.info({ event: "port_request_rejected", portRequestId: id }, "port request rejected");
}
