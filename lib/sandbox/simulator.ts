import type { Database } from "@/db/client";
import { listSandboxMedia, type SandboxMediaInfo } from "@/db/queries/sandbox-media";
import { listSandboxConversation, listSandboxHandsets, type SandboxMessage } from "@/db/queries/sandbox-messages";
import { listSandboxServices, type SandboxMessagingService } from "@/db/queries/sandbox-messaging";
import { listSandboxNumbers, type SandboxPhoneNumber } from "@/db/queries/sandbox-numbers";
import { countryFlag, countryName, countryOfNumber, formatPhoneNumber } from "@/lib/phone/normalize";
import { getSandboxCredentials } from "@/lib/twilio/credentials";
import { isHandsetReachable, simulatedFailure } from "./carrier";
import { signedContentPath } from "./content";
import { registrationOf } from "./registration";
import { registrationKind, type RegistrationKind, type SandboxRegistration } from "./registration-states";
import { areUsCarrierRulesOn } from "./us-carriers";

export interface SimulatorNumber {
  phoneNumber: string;
  display: string;
  friendlyName: string;
  flag: string;
  countryName: string;
  sms: boolean;
  mms: boolean;
  hasWebhook: boolean;
  /** A US or Canadian number's registration with US carriers, to set from the simulator; null elsewhere. */
  registration: { kind: RegistrationKind; state: SandboxRegistration; serviceName: string | null } | null;
}

export interface SimulatorMedia {
  sid: string;
  contentType: string;
  fileName: string;
  url: string;
}

/** One bubble on the simulated phone. */
export interface SimulatorMessage {
  sid: string;
  /** "sent" = typed on this phone; "received" = a business message to it. */
  side: "sent" | "received";
  body: string;
  status: string;
  errorCode: number | null;
  errorMessage: string | null;
  webhookError: string | null;
  date: string;
  media: SimulatorMedia[];
}

export interface SimulatorHandset {
  phoneNumber: string;
  display: string;
  flag: string;
  countryName: string;
  reachable: boolean;
  failure: { code: number; message: string } | null;
}

export interface SimulatorState {
  numbers: SimulatorNumber[];
  handsets: string[];
  handset: SimulatorHandset | null;
  business: string | null;
  messages: SimulatorMessage[];
  /** Whether the sandbox's carrier refuses texts from numbers not registered with US carriers. */
  usCarrierRules: boolean;
}

const CONVERSATION_LIMIT = 200;

function describeCountry(e164: string): { flag: string; countryName: string } {
  const country = countryOfNumber(e164);
  return { flag: countryFlag(country), countryName: country ? countryName(country) : "Unknown country" };
}

function toView(message: SandboxMessage, media: SandboxMediaInfo[], handset: string, authToken: string): SimulatorMessage {
  return {
    sid: message.sid,
    side: message.from === handset ? "sent" : "received",
    body: message.body,
    status: message.status,
    errorCode: message.errorCode,
    errorMessage: message.errorMessage,
    webhookError: message.webhookError,
    date: message.dateCreated.toISOString(),
    media: media
      .filter((item) => item.messageSid === message.sid)
      .map((item) => ({ sid: item.sid, contentType: item.contentType, fileName: item.fileName ?? item.sid, url: signedContentPath(item.sid, authToken) })),
  };
}

function registrationView(number: SandboxPhoneNumber, services: Map<string, SandboxMessagingService>): SimulatorNumber["registration"] {
  const kind = registrationKind(number);
  if (!kind) return null;
  const service = number.messagingServiceSid ? (services.get(number.messagingServiceSid) ?? null) : null;
  return { kind, state: registrationOf(number, service), serviceName: kind === "10dlc" ? (service?.friendlyName ?? null) : null };
}

/** Everything the phone simulator shows for one customer phone and one business number. */
export async function loadSimulatorState({ db, handset, business }: { db: Database; handset: string | null; business: string | null }): Promise<SimulatorState> {
  const { accountSid, authToken } = await getSandboxCredentials();
  const owned = await listSandboxNumbers({ db, accountSid });
  const services = new Map((await listSandboxServices({ db, accountSid })).map((service) => [service.sid, service]));
  const numbers = owned.map((number) => ({
    phoneNumber: number.phoneNumber,
    display: formatPhoneNumber(number.phoneNumber),
    friendlyName: number.friendlyName,
    ...describeCountry(number.phoneNumber),
    sms: number.sms,
    mms: number.mms,
    hasWebhook: number.smsUrl !== "",
    registration: registrationView(number, services),
  }));
  const chosen = owned.find((number) => number.phoneNumber === business) ?? owned.find((number) => number.sms) ?? owned[0];
  const handsets = await listSandboxHandsets({ db, businessNumbers: owned.map((number) => number.phoneNumber), limit: 20 });
  const usCarrierRules = await areUsCarrierRulesOn({ db });
  if (!handset || !chosen) return { numbers, handsets, handset: null, business: chosen?.phoneNumber ?? null, messages: [], usCarrierRules };

  const conversation = await listSandboxConversation({ db, handset, business: chosen.phoneNumber, limit: CONVERSATION_LIMIT });
  const media = await listSandboxMedia({ db, messageSids: conversation.filter((m) => m.numMedia > 0).map((m) => m.sid) });
  const failure = simulatedFailure(handset);
  return {
    numbers,
    handsets,
    business: chosen.phoneNumber,
    handset: {
      phoneNumber: handset,
      display: formatPhoneNumber(handset),
      ...describeCountry(handset),
      reachable: await isHandsetReachable({ db, handset }),
      failure: failure?.errorCode ? { code: failure.errorCode, message: failure.errorMessage ?? "" } : null,
    },
    messages: conversation.map((message) => toView(message, media, handset, authToken)),
    usCarrierRules,
  };
}
