import type { Twilio } from "twilio";
import type { DbOrTx } from "@/db/client";
import { getPhoneNumber } from "@/db/queries/phone-numbers";
import type { PhoneNumber, SmsIntegration } from "@/db/schema";
import { describeError, log } from "@/lib/log";
import { formatPhoneNumber } from "@/lib/phone/normalize";
import { twilioFailure } from "@/lib/twilio/rest-error";
import { usRegistrationKind, type UsReadinessState, type UsRegistrationKind } from "./readiness-words";

/** Whether US carriers take texts from a number, as Twilio's Messaging API says. */
export interface UsReadiness {
  state: UsReadinessState;
  kind: UsRegistrationKind;
  /** A sentence for people: where the number stands and what to do. */
  detail: string;
  checkedAt: Date;
}

type NumberFacts = Pick<PhoneNumber, "twilioSid" | "e164" | "country" | "type">;

const CAMPAIGN_READY = new Set(["VERIFIED"]);
const CAMPAIGN_PENDING = new Set(["IN_PROGRESS", "PENDING"]);
const VERIFICATION_PENDING = new Set(["PENDING_REVIEW", "IN_REVIEW"]);

async function tenDlcReadiness(twilio: Twilio, number: NumberFacts, preferredServiceSid: string | null): Promise<Omit<UsReadiness, "kind" | "checkedAt">> {
  const shown = formatPhoneNumber(number.e164);
  const services = await twilio.messaging.v1.services.list({ limit: 200 });
  // The integration's own service first: most often the one the number is in.
  services.sort((a, b) => Number(b.sid === preferredServiceSid) - Number(a.sid === preferredServiceSid));
  for (const service of services) {
    const numbers = await twilio.messaging.v1.services(service.sid).phoneNumbers.list({ limit: 400 });
    if (!numbers.some((entry) => entry.sid === number.twilioSid || entry.phoneNumber === number.e164)) continue;
    const name = `“${service.friendlyName}”`;
    const campaigns = await twilio.messaging.v1.services(service.sid).usAppToPerson.list({ limit: 20 });
    const statuses = campaigns.map((campaign) => (campaign.campaignStatus ?? "").toUpperCase());
    if (statuses.some((status) => CAMPAIGN_READY.has(status))) {
      return { state: "ready", detail: `${shown} is in the Messaging Service ${name}, whose A2P 10DLC campaign is approved.` };
    }
    const pending = statuses.find((status) => CAMPAIGN_PENDING.has(status));
    if (pending) {
      return { state: "pending", detail: `${shown} is in the Messaging Service ${name}, whose A2P 10DLC campaign is under review (${pending}). Until it is approved, US carriers may block its texts.` };
    }
    if (statuses.length > 0) {
      return { state: "not-registered", detail: `The A2P 10DLC campaign of the Messaging Service ${name} was not approved (${statuses.join(", ")}). Fix it in the Twilio console, or register a new one.` };
    }
    return { state: "not-registered", detail: `${shown} is in the Messaging Service ${name}, which has no A2P 10DLC campaign. Register a brand and a campaign for it in the Twilio console.` };
  }
  return {
    state: "not-registered",
    detail: `${shown} is in no Messaging Service with an A2P 10DLC campaign. Register a brand and a campaign in the Twilio console, and add this number to the campaign's Messaging Service.`,
  };
}

async function tollFreeReadiness(twilio: Twilio, number: NumberFacts): Promise<Omit<UsReadiness, "kind" | "checkedAt">> {
  const shown = formatPhoneNumber(number.e164);
  const verifications = await twilio.messaging.v1.tollfreeVerifications.list({ tollfreePhoneNumberSid: number.twilioSid, limit: 20 });
  const statuses = verifications.map((verification) => verification.status);
  if (statuses.includes("TWILIO_APPROVED")) return { state: "ready", detail: `The toll-free verification of ${shown} is approved.` };
  const pending = statuses.find((status) => VERIFICATION_PENDING.has(status));
  if (pending) return { state: "pending", detail: `The toll-free verification of ${shown} is under review (${pending}). Until it is approved, US carriers block its texts.` };
  const rejected = verifications.find((verification) => verification.status === "TWILIO_REJECTED");
  if (rejected) {
    const reason = rejected.rejectionReason ? ` Twilio's reason: “${rejected.rejectionReason}”.` : "";
    return { state: "not-registered", detail: `Twilio rejected the toll-free verification of ${shown}.${reason} Correct it and submit it again in the Twilio console.` };
  }
  return { state: "not-registered", detail: `${shown} has no toll-free verification. Submit one in the Twilio console.` };
}

// Twilio's answer per number, kept a while in this process: the integrations list asks for
// every row on every view, and registration changes over days, not seconds.
const READY_TTL_MS = 5 * 60_000;
const FAILED_TTL_MS = 30_000;
type Cached = { expires: number; value: Promise<UsReadiness> };
const globalForReadiness = globalThis as unknown as { __usReadiness?: Map<string, Cached> };
const cache = (globalForReadiness.__usReadiness ??= new Map());

/** Forgets every answer kept: after a change to registrations (the sandbox's), or when an admin asks again. */
export function forgetUsReadiness(): void {
  cache.clear();
}

async function askTwilio(twilio: Twilio, number: NumberFacts, kind: UsRegistrationKind, serviceSid: string | null): Promise<UsReadiness> {
  const checkedAt = new Date();
  try {
    const answer = kind === "toll-free" ? await tollFreeReadiness(twilio, number) : await tenDlcReadiness(twilio, number, serviceSid);
    return { ...answer, kind, checkedAt };
  } catch (error) {
    const doing = `Twilio could not be asked about the US registration of ${formatPhoneNumber(number.e164)}`;
    let detail: string;
    try {
      detail = twilioFailure(error, doing).message;
    } catch {
      log.error({ err: describeError(error) }, "us readiness check failed");
      detail = `${doing}. Try again in a moment.`;
    }
    return { state: "unknown", kind, detail, checkedAt };
  }
}

/**
 * A US or Canadian number's US registration (A2P 10DLC for a 10-digit number, toll-free
 * verification for a toll-free one); null for other numbers. Answers are kept 5 minutes
 * (30 s when Twilio could not be asked); `fresh` asks again.
 */
export async function checkUsReadiness({
  twilio,
  number,
  messagingServiceSid = null,
  fresh = false,
}: {
  twilio: Twilio;
  number: NumberFacts;
  messagingServiceSid?: string | null;
  fresh?: boolean;
}): Promise<UsReadiness | null> {
  const kind = usRegistrationKind(number);
  if (!kind) return null;
  const key = `${number.twilioSid}|${messagingServiceSid ?? ""}`;
  const now = Date.now();
  const kept = cache.get(key);
  if (kept && kept.expires > now && !fresh) return kept.value;
  const value = askTwilio(twilio, number, kind, messagingServiceSid);
  cache.set(key, { expires: now + READY_TTL_MS, value });
  const answer = await value;
  if (answer.state === "unknown" && cache.get(key)?.value === value) cache.set(key, { expires: now + FAILED_TTL_MS, value });
  return answer;
}

/** The readiness of an integration's number; null when US rules do not apply or the number is gone. */
export async function checkIntegrationReadiness({
  db,
  twilio,
  integration,
  fresh,
}: {
  db: DbOrTx;
  twilio: Twilio;
  integration: SmsIntegration;
  fresh?: boolean;
}): Promise<UsReadiness | null> {
  const number = integration.phoneNumberId ? await getPhoneNumber({ db, id: integration.phoneNumberId }) : null;
  if (!number) return null;
  return checkUsReadiness({ twilio, number, messagingServiceSid: integration.messagingServiceSid, fresh });
}
