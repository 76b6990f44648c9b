import type { Twilio } from "twilio";
import type { IncomingPhoneNumberInstance } from "twilio/lib/rest/api/v2010/account/incomingPhoneNumber";
import type { Database } from "@/db/client";
import { closePortRequest, getOpenPortRequestForNumber } from "@/db/queries/port-requests";
import {
  deletePhoneNumberIfUnused,
  getPhoneNumber,
  getPhoneNumberByE164,
  insertPhoneNumber,
  listOwnedE164s,
} from "@/db/queries/phone-numbers";
import { getIntegrationByNumber } from "@/db/queries/integrations";
import type { PhoneNumber } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { smsSupportForNumber, type SmsSupport } from "@/lib/phone/capabilities";
import { countryOfOwnedNumber, definiteNumberType, formatPhoneNumber, numberType, type NumberType } from "@/lib/phone/normalize";
import { isTwilioNotFound, twilioFailure } from "@/lib/twilio/rest-error";
import { readCapabilities, readTwilioNumberType, type BuyableNumberType } from "./types";

type Source = PhoneNumber["source"];

/** What an owned number can do in this product, from what was stored when it was adopted. */
export function supportOfOwnedNumber(number: Pick<PhoneNumber, "e164" | "twilioSms" | "twilioMms" | "type" | "country">): SmsSupport {
  return smsSupportForNumber({
    e164: number.e164,
    country: number.country || undefined,
    twilioSms: number.twilioSms,
    twilioMms: number.twilioMms,
    type: number.type === "unknown" ? undefined : number.type,
  });
}

/**
 * The number's type as Twilio's record gives it; when it names none, as libphonenumber reads
 * it from the digits. The type the buyer searched for comes from the browser, so it only
 * settles what neither can (a NANP number is local or mobile alike); a forged "mobile" on a
 * UK local number must not buy it SMS.
 */
function ownedNumberType(instance: IncomingPhoneNumberInstance, searched?: BuyableNumberType): NumberType {
  const fromTwilio = readTwilioNumberType(instance.type);
  if (fromTwilio) return fromTwilio;
  const e164 = instance.phoneNumber;
  const definite = definiteNumberType(e164);
  if (definite) return definite;
  // "local" here is libphonenumber's FIXED_LINE_OR_MOBILE: either of the two may be true.
  const read = numberType(e164);
  if (read === "local") return searched === "mobile" ? "mobile" : "local";
  return searched ?? read;
}

function rowFromTwilio(instance: IncomingPhoneNumberInstance, source: Source, type?: BuyableNumberType) {
  const capabilities = readCapabilities(instance.capabilities);
  return {
    e164: instance.phoneNumber,
    twilioSid: instance.sid,
    friendlyName: instance.friendlyName || formatPhoneNumber(instance.phoneNumber),
    country: countryOfOwnedNumber(instance.phoneNumber) ?? "",
    type: ownedNumberType(instance, type),
    twilioSms: capabilities.sms,
    twilioMms: capabilities.mms,
    twilioVoice: capabilities.voice,
    source,
  };
}

/** Adopts a number Twilio says the account owns; an open port request for it is completed by the adoption. */
export async function adoptTwilioNumber({
  db,
  instance,
  source,
  type,
}: {
  db: Database;
  instance: IncomingPhoneNumberInstance;
  source: Source;
  type?: BuyableNumberType;
}): Promise<PhoneNumber | null> {
  return db.transaction(async (tx) => {
    const port = await getOpenPortRequestForNumber({ db: tx, e164: instance.phoneNumber });
    const row = await insertPhoneNumber({ db: tx, phoneNumber: rowFromTwilio(instance, port ? "ported" : source, type) });
    if (row && port) await closePortRequest({ db: tx, id: port.id, outcome: { status: "completed", phoneNumberId: row.id } });
    return row;
  });
}

export async function buyPhoneNumber({
  db,
  twilio,
  e164,
  type,
}: {
  db: Database;
  twilio: Twilio;
  e164: string;
  type: BuyableNumberType;
}): Promise<PhoneNumber> {
  const shown = formatPhoneNumber(e164);
  if (await getPhoneNumberByE164({ db, e164 })) throw new AppError("conflict", `${shown} is already one of your numbers.`);
  let instance;
  try {
    instance = await twilio.incomingPhoneNumbers.create({ phoneNumber: e164 });
  } catch (error) {
    throw twilioFailure(error, `${shown} was not bought`, {
      21422: "It is no longer for sale (someone else may have just bought it). Search again.",
      21421: "Twilio does not accept this number.",
    });
  }
  const row = await adoptTwilioNumber({ db, instance, source: "purchased", type });
  if (!row) throw new AppError("conflict", `${shown} is already one of your numbers.`);
  log.info({ event: "phone_number_bought", phoneNumberId: row.id }, "phone number bought");
  return row;
}

export type ImportableNumber = { sid: string; e164: string; display: string; friendlyName: string; support: SmsSupport };

async function listAccountNumbers(twilio: Twilio): Promise<IncomingPhoneNumberInstance[]> {
  try {
    return await twilio.incomingPhoneNumbers.list({ limit: 1000 });
  } catch (error) {
    throw twilioFailure(error, "The numbers of your Twilio account could not be listed");
  }
}

/** Numbers the Twilio account owns that are not yet owned here. */
export async function listImportableNumbers({ db, twilio }: { db: Database; twilio: Twilio }): Promise<ImportableNumber[]> {
  const numbers = await listAccountNumbers(twilio);
  const owned = await listOwnedE164s({ db, e164s: numbers.map((number) => number.phoneNumber) });
  return numbers
    .filter((number) => !owned.has(number.phoneNumber))
    .map((number) => {
      const capabilities = readCapabilities(number.capabilities);
      return {
        sid: number.sid,
        e164: number.phoneNumber,
        display: formatPhoneNumber(number.phoneNumber),
        friendlyName: number.friendlyName,
        support: smsSupportForNumber({
          e164: number.phoneNumber,
          country: countryOfOwnedNumber(number.phoneNumber),
          type: ownedNumberType(number),
          twilioSms: capabilities.sms,
          twilioMms: capabilities.mms,
        }),
      };
    });
}

/** Adopts the chosen numbers, read back from Twilio so nothing the browser sent is trusted. */
export async function importPhoneNumbers({ db, twilio, sids }: { db: Database; twilio: Twilio; sids: string[] }): Promise<PhoneNumber[]> {
  const wanted = new Set(sids);
  const numbers = (await listAccountNumbers(twilio)).filter((number) => wanted.has(number.sid));
  if (numbers.length === 0) throw new AppError("not_found", "None of those numbers is in your Twilio account any more. Reload the list.");
  const adopted: PhoneNumber[] = [];
  for (const instance of numbers) {
    const row = await adoptTwilioNumber({ db, instance, source: "imported" });
    if (row) adopted.push(row);
  }
  log.info({ event: "phone_numbers_imported", count: adopted.length }, "phone numbers imported");
  return adopted;
}

/** Gives the number back to Twilio (and the carrier). Refused while an SMS integration uses it. */
export async function releasePhoneNumber({ db, twilio, id }: { db: Database; twilio: Twilio; id: string }): Promise<void> {
  const number = await getPhoneNumber({ db, id });
  if (!number) throw new AppError("not_found", "That number is not one of yours any more.");
  const shown = formatPhoneNumber(number.e164);
  const inUse = await getIntegrationByNumber({ db, e164: number.e164 });
  if (inUse) {
    throw new AppError("conflict", `${shown} is used by the SMS integration “${inUse.name}”. Delete that integration first.`);
  }
  try {
    await twilio.incomingPhoneNumbers(number.twilioSid).remove();
  } catch (error) {
    // Already released in the Twilio console: nothing left to give back.
    if (!isTwilioNotFound(error)) throw twilioFailure(error, `${shown} was not released`);
  }
  if (!(await deletePhoneNumberIfUnused({ db, id }))) {
    const now = await getIntegrationByNumber({ db, e164: number.e164 });
    throw new AppError("conflict", `${shown} was released at Twilio, but the SMS integration “${now?.name ?? "?"}” was added on it meanwhile. Delete that integration.`);
  }
  log.info({ event: "phone_number_released", phoneNumberId: id }, "phone number released");
}
