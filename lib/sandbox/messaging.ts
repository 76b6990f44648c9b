import { getSandboxService, listSandboxServiceNumbers, listSandboxServices, listSandboxTollfreeVerifications } from "@/db/queries/sandbox-messaging";
import type { SandboxContext } from "./context";
import { notFound, SandboxError } from "./errors";
import { twilioJson } from "./http";
import { serializeCampaign, messagingMeta, serializeService, serializeServiceNumber, serializeTollfreeVerification } from "./messaging-serializers";
import { readPage, slicePage } from "./pagination";

// Twilio's Messaging API (messaging.twilio.com/v1): the Messaging Services, their numbers,
// their US A2P 10DLC campaign, and toll-free verifications, read-only.

function listAnswer<T>(context: SandboxContext, key: string, all: T[]): Response {
  const request = readPage(context.search);
  const { items, hasMore } = slicePage(all, request);
  return twilioJson({ [key]: items, meta: messagingMeta({ key, path: context.resourcePath.replace(/^\/messaging/, ""), search: context.search, request, hasMore }) });
}

async function requireService(context: SandboxContext, sid: string | undefined) {
  const service = await getSandboxService({ db: context.db, accountSid: context.account.accountSid, sid: sid ?? "" });
  if (!service) throw notFound(context.resourcePath);
  return service;
}

export async function listServices(context: SandboxContext): Promise<Response> {
  const services = await listSandboxServices({ db: context.db, accountSid: context.account.accountSid });
  return listAnswer(context, "services", services.map(serializeService));
}

export async function fetchService(context: SandboxContext): Promise<Response> {
  return twilioJson(serializeService(await requireService(context, context.path.Sid)));
}

export async function listServicePhoneNumbers(context: SandboxContext): Promise<Response> {
  const service = await requireService(context, context.path.ServiceSid);
  const numbers = await listSandboxServiceNumbers({ db: context.db, serviceSid: service.sid });
  return listAnswer(context, "phone_numbers", numbers.map((number) => serializeServiceNumber(number, service.sid)));
}

export async function listServiceCampaigns(context: SandboxContext): Promise<Response> {
  const service = await requireService(context, context.path.MessagingServiceSid);
  const { campaignSid } = service;
  return listAnswer(context, "compliance", campaignSid ? [serializeCampaign({ ...service, campaignSid })] : []);
}

export async function listTollfreeVerifications(context: SandboxContext): Promise<Response> {
  const numberSid = context.search.get("TollfreePhoneNumberSid")?.trim() || undefined;
  if (numberSid && !/^PN[0-9a-fA-F]{32}$/.test(numberSid)) throw new SandboxError(400, 20001, `Invalid TollfreePhoneNumberSid: ${numberSid}`);
  const status = context.search.get("Status")?.trim() || undefined;
  const numbers = await listSandboxTollfreeVerifications({ db: context.db, accountSid: context.account.accountSid, numberSid });
  const verifications = numbers
    .filter((number) => !status || number.tollfreeVerificationStatus === status)
    .map((number) => serializeTollfreeVerification({ ...number, tollfreeVerificationSid: number.tollfreeVerificationSid! }));
  return listAnswer(context, "verifications", verifications);
}
