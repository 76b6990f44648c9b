import { type NumberType, countryName, countryOfNumber, numberType } from "./normalize";

export type SmsSupport = { sms: boolean; mms: boolean; reason: string | null };

type ProductSupport = { sms: boolean; mms: boolean; smsReason: string | null; mmsReason: string | null };

const WHO_CAN = "US, Canadian and UK mobile numbers can have SMS.";

// What this product offers per country and type of owned number, before asking Twilio:
// US and Canada get SMS and MMS, UK mobiles get SMS only, everything else not yet.
function productSupport(country: string | undefined, type: NumberType): ProductSupport {
  if (country === "US" || country === "CA") {
    return { sms: true, mms: true, smsReason: null, mmsReason: null };
  }
  if (country === "GB") {
    if (type === "mobile") {
      return { sms: true, mms: false, smsReason: null, mmsReason: "UK mobile numbers can send SMS but not MMS (pictures)." };
    }
    const smsReason =
      type === "local"
        ? "UK local (geographic) numbers cannot send or receive SMS yet. Use a UK mobile number."
        : type === "toll-free"
          ? "UK toll-free numbers cannot send or receive SMS yet. Use a UK mobile number."
          : "Only UK mobile numbers can have SMS, and this does not look like one. Use a UK mobile number.";
    return { sms: false, mms: false, smsReason, mmsReason: null };
  }
  const smsReason = country
    ? `SMS is not available yet for numbers in ${countryName(country)}. ${WHO_CAN}`
    : `SMS is not available for this number: its country is not recognised. ${WHO_CAN}`;
  return { sms: false, mms: false, smsReason, mmsReason: null };
}

/**
 * What an owned number can do here: the product's support for its country and type,
 * intersected with what Twilio reports for it. MMS rides on SMS, so a number that
 * cannot send SMS is never offered MMS either.
 */
export function smsSupportForNumber(input: {
  e164: string;
  twilioSms: boolean;
  twilioMms: boolean;
  type?: NumberType;
  /** The country Twilio's record gives (`iso_country`), or the one stored for an owned number. */
  country?: string;
}): SmsSupport {
  const country = input.country || countryOfNumber(input.e164);
  const product = productSupport(country, input.type ?? numberType(input.e164));

  if (!product.sms) return { sms: false, mms: false, reason: product.smsReason };
  if (!input.twilioSms) {
    return { sms: false, mms: false, reason: "Twilio reports this number cannot send SMS." };
  }
  if (!product.mms) return { sms: true, mms: false, reason: product.mmsReason };
  if (!input.twilioMms) {
    return { sms: true, mms: false, reason: "Twilio reports this number cannot send MMS (pictures)." };
  }
  return { sms: true, mms: true, reason: null };
}

/** Carriers outside the US and Canada do not deliver MMS from these numbers. */
export function mmsAllowedForCustomerCountry(country: string | undefined | null): boolean {
  const code = country?.trim().toUpperCase();
  return code === "US" || code === "CA";
}
