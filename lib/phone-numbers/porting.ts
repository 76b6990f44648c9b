import type { Twilio } from "twilio";
import type { Database } from "@/db/client";
import { getPhoneNumberByE164 } from "@/db/queries/phone-numbers";
import {
  closePortRequest,
  getOpenPortRequestForNumber,
  getPortRequest,
  insertPortRequest,
  listOpenPortRequests,
  startPortRequest,
} from "@/db/queries/port-requests";
import type { PortRequest } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { describeError, log } from "@/lib/log";
import { smsSupportForNumber } from "@/lib/phone/capabilities";
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
  // Porting takes days at the carrier: say at once when the number could not have SMS here anyway.
  const support = smsSupportForNumber({ e164: input.phoneNumber, twilioSms: true, twilioMms: true });
  if (!support.sms) throw field(`${shown} cannot have SMS here, so porting it in would not help: ${support.reason}`);
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

/** The carrier has accepted the port and is working on it (the admin reads this at the carrier or in the Twilio console). */
export async function markPortInProgress({ db, id }: { db: Database; id: string }): Promise<PortRequest> {
  const request = await openRequest(db, id);
  const started = await startPortRequest({ db, id });
  if (!started) throw new AppError("conflict", `The port of ${formatPhoneNumber(request.e164)} is already in progress.`);
  log.info({ event: "port_request_in_progress", portRequestId: id }, "port request in progress");
  return started;
}

/** The carrier refused the port; its reason is kept so the admin can fix the details and try again. */
export async function rejectPortRequest({ db, id, reason }: { db: Database; id: string; reason: string }): Promise<void> {
  const said = reason.trim();
  if (!said) throw new AppError("bad_request", "Enter the reason the carrier gave.", { reason: "Enter the reason the carrier gave." });
  await openRequest(db, id);
  const closed = await closePortRequest({ db, id, outcome: { status: "rejected", rejectionReason: said } });
  if (!closed) throw new AppError("conflict", "That port request was already closed.");
  log.info({ event: "port_request_rejected", portRequestId: id }, "port request rejected");
}

export type PortCheck = { completed: boolean; message: string };

/**
 * A port is done when the carrier has moved the number into the Twilio account: then it is
 * among the account's IncomingPhoneNumbers, and adopting it completes the request.
 */
export async function checkPortRequest({ db, twilio, id }: { db: Database; twilio: Twilio; id: string }): Promise<PortCheck> {
  const request = await openRequest(db, id);
  const shown = formatPhoneNumber(request.e164);
  let found;
  try {
    found = await twilio.incomingPhoneNumbers.list({ phoneNumber: request.e164, limit: 20 });
  } catch (error) {
    throw twilioFailure(error, `Whether ${shown} has arrived could not be checked`);
  }
  const instance = found.find((number) => number.phoneNumber === request.e164);
  if (!instance) {
    return { completed: false, message: `${shown} is not in your Twilio account yet. The carrier moves it; this usually takes several days.` };
  }
  // Adopting completes the open request for this number in the same transaction.
  const row = await adoptTwilioNumber({ db, instance, source: "ported" });
  if (!row) throw new AppError("conflict", `${shown} is already one of your numbers.`);
  log.info({ event: "port_request_completed", portRequestId: id }, "port request completed");
  return { completed: true, message: `${shown} has arrived: it is now one of your numbers.` };
}

/** Checks every open request, once in a while per process, so opening the page stays cheap. */
const lastChecked = new Map<string, number>();
const RECHECK_MS = 5 * 60_000;

export async function checkOpenPortRequests({ db, twilio, now = Date.now() }: { db: Database; twilio: Twilio; now?: number }): Promise<number> {
  let completed = 0;
  for (const request of await listOpenPortRequests({ db })) {
    if (now - (lastChecked.get(request.id) ?? 0) < RECHECK_MS) continue;
    lastChecked.set(request.id, now);
    try {
      if ((await checkPortRequest({ db, twilio, id: request.id })).completed) completed += 1;
    } catch (error) {
      // The page still shows the request; "Check status" says what went wrong.
      log.warn({ portRequestId: request.id, err: describeError(error) }, "port request check failed");
    }
  }
  return completed;
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
