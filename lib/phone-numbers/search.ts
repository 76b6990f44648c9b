import type { Twilio } from "twilio";
import { smsSupportForNumber, type SmsSupport } from "@/lib/phone/capabilities";
import { countryName, formatPhoneNumber } from "@/lib/phone/normalize";
import { twilioFailure } from "@/lib/twilio/rest-error";
import { NUMBER_TYPE_LABELS, readCapabilities, type BuyableNumberType } from "./types";
import type { NumberSearch } from "./validation";

export type AvailableNumber = {
  e164: string;
  display: string;
  place: string;
  type: BuyableNumberType;
  twilioSms: boolean;
  twilioMms: boolean;
  /** What the number could do here once bought, with the reason when not everything. */
  support: SmsSupport;
};

const SEARCH_LIMIT = 20;

/** The fields every kind of number for sale shares. */
type ForSale = { phoneNumber: string; locality: string; region: string; isoCountry: string; capabilities: unknown };

function listForSale(twilio: Twilio, search: NumberSearch): Promise<ForSale[]> {
  const country = twilio.availablePhoneNumbers(search.country);
  const options = { areaCode: search.areaCode ? Number(search.areaCode) : undefined, contains: search.contains, limit: SEARCH_LIMIT };
  if (search.type === "local") return country.local.list(options);
  if (search.type === "mobile") return country.mobile.list(options);
  return country.tollFree.list(options);
}

/** Numbers Twilio has for sale that match the search, each with what it could do in this product. */
export async function searchAvailableNumbers({ twilio, search }: { twilio: Twilio; search: NumberSearch }): Promise<AvailableNumber[]> {
  const kind = NUMBER_TYPE_LABELS[search.type].toLowerCase();
  let found: ForSale[];
  try {
    found = await listForSale(twilio, search);
  } catch (error) {
    throw twilioFailure(error, "The search did not work", {
      20404: `Twilio does not sell ${kind} numbers in ${countryName(search.country)}.`,
      21452: "Twilio has no numbers for sale in that area code. Try another, or leave it empty.",
    });
  }
  return found.map((number) => {
    const capabilities = readCapabilities(number.capabilities);
    return {
      e164: number.phoneNumber,
      display: formatPhoneNumber(number.phoneNumber),
      place: [number.locality, number.region].filter(Boolean).join(", ") || countryName(number.isoCountry || search.country),
      type: search.type,
      twilioSms: capabilities.sms,
      twilioMms: capabilities.mms,
      support: smsSupportForNumber({ e164: number.phoneNumber, country: number.isoCountry || undefined, twilioSms: capabilities.sms, twilioMms: capabilities.mms, type: search.type }),
    };
  });
}
