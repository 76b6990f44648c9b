import {
  deleteSandboxNumber,
  getSandboxNumber,
  insertSandboxNumber,
  listOwnedSandboxPhoneNumbers,
  listSandboxNumbers,
  updateSandboxNumber,
  type SandboxPhoneNumber,
} from "@/db/queries/sandbox-numbers";
import type { Database } from "@/db/client";
import { normalizePhoneNumber } from "@/lib/phone/normalize";
import { publishInboxEvent } from "@/lib/realtime/publish";
import type { SandboxContext } from "./context";
import { notFound, SandboxError } from "./errors";
import { noContent, twilioJson } from "./http";
import { describePurchasable, friendlyNameFor, matchesContains, searchNumberPool, type OwnedType, type PoolNumber } from "./number-pool";
import { pageEnvelope, readPage, slicePage } from "./pagination";
import { accountUri, serializeIncomingNumber } from "./serializers";
import { newSid } from "./sids";
import { buyNumberSchema, numberUpdateSchema, parseTwilioParams } from "./validation";

const LIST_KEY = "incoming_phone_numbers";

/** Every simulated phone may now see another list of business numbers ("*": not one handset, all). */
function announceNumbersChanged(db: Database): Promise<void> {
  return publishInboxEvent({ db, event: { type: "sandbox.updated", handset: "*" } });
}
const TYPE_PATHS: Readonly<Record<string, OwnedType>> = { Local: "local", Mobile: "mobile", TollFree: "toll-free" };

function typeFromPath(context: SandboxContext): OwnedType | undefined {
  const segment = context.path.NumberType;
  return segment ? TYPE_PATHS[segment] : undefined;
}

export async function listIncomingNumbers(context: SandboxContext): Promise<Response> {
  const { db, account, search } = context;
  const request = readPage(search);
  const type = typeFromPath(context);
  const phoneFilter = search.get("PhoneNumber")?.trim();
  const nameFilter = search.get("FriendlyName");
  const all = (await listSandboxNumbers({ db, accountSid: account.accountSid })).filter(
    (number) =>
      (!type || number.numberType === type) &&
      (!phoneFilter || matchesContains(number.phoneNumber, phoneFilter)) &&
      (nameFilter === null || number.friendlyName === nameFilter),
  );
  const { items, hasMore } = slicePage(all, request);
  const listUri = `${accountUri(account.accountSid)}/IncomingPhoneNumbers${context.path.NumberType ? `/${context.path.NumberType}` : ""}.json`;
  return twilioJson(pageEnvelope({ key: LIST_KEY, listUri, search, request, items: items.map(serializeIncomingNumber), hasMore }));
}

async function chooseNumber(context: SandboxContext, phoneNumber: string | undefined, areaCode: string | undefined): Promise<PoolNumber> {
  const type = typeFromPath(context);
  const owned = await listOwnedSandboxPhoneNumbers({ db: context.db });
  if (phoneNumber) {
    const normalized = normalizePhoneNumber(phoneNumber);
    if (!normalized.ok) throw new SandboxError(400, 21421, `PhoneNumber is invalid: ${phoneNumber}`);
    const number = describePurchasable(normalized.e164);
    if (!number || owned.has(number.e164) || (type && number.type !== type)) {
      throw new SandboxError(400, 21422, `PhoneNumber ${normalized.e164} is not available.`);
    }
    return number;
  }
  if (!areaCode) throw new SandboxError(400, 21421, "A PhoneNumber or an AreaCode is required to buy a number.");
  // Twilio reads AreaCode as a US or Canadian area code.
  for (const country of ["US", "CA"]) {
    const [number] = searchNumberPool({ country, type: type === "toll-free" ? "TollFree" : "Local", areaCode, limit: 1, isTaken: (e164) => owned.has(e164) });
    if (number) return number;
  }
  throw new SandboxError(400, 21452, `No phone numbers found in area code ${areaCode}.`);
}

export async function buyIncomingNumber(context: SandboxContext): Promise<Response> {
  const input = parseTwilioParams(buyNumberSchema, context.form);
  const number = await chooseNumber(context, input.PhoneNumber, input.AreaCode);
  const bought = await insertSandboxNumber({
    db: context.db,
    number: {
      sid: newSid("PN"),
      accountSid: context.account.accountSid,
      phoneNumber: number.e164,
      friendlyName: input.FriendlyName ?? friendlyNameFor(number.e164),
      isoCountry: number.country,
      numberType: number.type,
      sms: number.capabilities.sms,
      mms: number.capabilities.mms,
      voice: number.capabilities.voice,
      smsUrl: input.SmsUrl,
      smsMethod: input.SmsMethod,
      smsFallbackUrl: input.SmsFallbackUrl,
      smsFallbackMethod: input.SmsFallbackMethod,
      statusCallback: input.StatusCallback,
      statusCallbackMethod: input.StatusCallbackMethod,
    },
  });
  // Another buyer took it between the check and the insert.
  if (!bought) throw new SandboxError(400, 21422, `PhoneNumber ${number.e164} is not available.`);
  await announceNumbersChanged(context.db);
  return twilioJson(serializeIncomingNumber(bought), 201);
}

async function requireNumber(context: SandboxContext): Promise<SandboxPhoneNumber> {
  const number = await getSandboxNumber({ db: context.db, accountSid: context.account.accountSid, sid: context.path.Sid ?? "" });
  if (!number) throw notFound(context.resourcePath);
  return number;
}

export async function fetchIncomingNumber(context: SandboxContext): Promise<Response> {
  return twilioJson(serializeIncomingNumber(await requireNumber(context)));
}

export async function updateIncomingNumber(context: SandboxContext): Promise<Response> {
  const input = parseTwilioParams(numberUpdateSchema, context.form);
  await requireNumber(context);
  const updated = await updateSandboxNumber({
    db: context.db,
    accountSid: context.account.accountSid,
    sid: context.path.Sid ?? "",
    changes: {
      friendlyName: input.FriendlyName,
      smsUrl: input.SmsUrl,
      smsMethod: input.SmsMethod,
      smsFallbackUrl: input.SmsFallbackUrl,
      smsFallbackMethod: input.SmsFallbackMethod,
      statusCallback: input.StatusCallback,
      statusCallbackMethod: input.StatusCallbackMethod,
    },
  });
  if (!updated) throw notFound(context.resourcePath);
  await announceNumbersChanged(context.db);
  return twilioJson(serializeIncomingNumber(updated));
}

/** Releasing a number: it is for sale again; its messages stay, as Twilio keeps them. */
export async function releaseIncomingNumber(context: SandboxContext): Promise<Response> {
  const released = await deleteSandboxNumber({ db: context.db, accountSid: context.account.accountSid, sid: context.path.Sid ?? "" });
  if (!released) throw notFound(context.resourcePath);
  await announceNumbersChanged(context.db);
  return noContent();
}
