import {
  type CountryCode,
  type PhoneNumber,
  getExampleNumber,
  isSupportedCountry,
  parsePhoneNumberWithError,
  ParseError,
} from "libphonenumber-js/max";
import metadata from "libphonenumber-js/metadata.max.json";
import mobileExamples from "libphonenumber-js/mobile/examples";

export type { CountryCode };

export type NormalizedPhoneNumber =
  | { ok: true; e164: string; country: CountryCode | undefined }
  | { ok: false; message: string };

export type NumberType = "mobile" | "local" | "toll-free" | "unknown";

const EXAMPLE = "like +1 415 555 0100";

/** Parses without throwing; `undefined` for anything libphonenumber cannot read. */
function parse(text: string, defaultCountry?: CountryCode): PhoneNumber | undefined {
  try {
    return parsePhoneNumberWithError(text, defaultCountry);
  } catch {
    return undefined;
  }
}

function quote(input: string): string {
  const oneLine = input.replace(/\s+/g, " ").trim();
  const short = [...oneLine].length > 30 ? `${[...oneLine].slice(0, 30).join("")}…` : oneLine;
  return `“${short}”`;
}

function parseErrorCode(text: string, defaultCountry?: CountryCode): string | undefined {
  try {
    parsePhoneNumberWithError(text, defaultCountry);
    return undefined;
  } catch (error) {
    return error instanceof ParseError ? error.message : undefined;
  }
}

function rejection(input: string, defaultCountry: CountryCode | undefined, parsed?: PhoneNumber): string {
  const shown = quote(input);
  if (parsed?.ext) {
    return `${shown} has an extension, and SMS cannot reach an extension. Type the number without it, ${EXAMPLE}.`;
  }
  const code = parseErrorCode(input, defaultCountry);
  if (code === "TOO_LONG") {
    return `${shown} has too many digits for a phone number. Type it with its country code, ${EXAMPLE}.`;
  }
  if (code === "INVALID_COUNTRY" && /^\s*\+/.test(input)) {
    return `${shown} does not start with a known country code. Type it with its country code, ${EXAMPLE}.`;
  }
  if (code === "INVALID_COUNTRY" && (input.match(/\d/g)?.length ?? 0) >= 6) {
    return `${shown} has no country code. Type it with its country code, ${EXAMPLE}.`;
  }
  if (parsed && parsed.isPossible() && !parsed.isValid()) {
    const where = parsed.country ? ` in ${countryName(parsed.country)}` : "";
    return `${shown} is not a phone number in use${where}. Check the digits, and type it with its country code, ${EXAMPLE}.`;
  }
  return `${shown} is not a phone number. Type it with its country code, ${EXAMPLE}.`;
}

/**
 * Reads a phone number the way people type it and returns it in E.164.
 * Never throws: every failure comes back as a message to show next to the field.
 */
export function normalizePhoneNumber(input: string, defaultCountry?: CountryCode): NormalizedPhoneNumber {
  const text = typeof input === "string" ? input.trim() : "";
  if (text === "") {
    return { ok: false, message: `Type a phone number with its country code, ${EXAMPLE}.` };
  }
  const country = defaultCountry && isSupportedCountry(defaultCountry) ? defaultCountry : undefined;

  // "00" is how most of the world dials abroad; libphonenumber only knows that when
  // the default country uses it, and an agent's default is usually the US (011).
  const candidates = [text];
  if (/^00\s*[1-9]/.test(text)) candidates.push(`+${text.replace(/^00\s*/, "")}`);

  let firstParsed: PhoneNumber | undefined;
  for (const candidate of candidates) {
    const parsed = parse(candidate, country);
    firstParsed ??= parsed;
    if (!parsed || parsed.ext) continue;
    if (parsed.isValid()) return { ok: true, e164: parsed.number, country: parsed.country };
  }
  return { ok: false, message: rejection(text, country, firstParsed) };
}

function parseE164(e164: string): PhoneNumber | undefined {
  if (typeof e164 !== "string") return undefined;
  return parse(e164.trim());
}

/** International format ("+44 7700 900123"); the input itself when it is not a number. */
export function formatPhoneNumber(e164: string): string {
  const parsed = parseE164(e164);
  if (!parsed || !parsed.isPossible()) return e164;
  return parsed.formatInternational();
}

/** A mobile number of the country as people there write it ("07400 123456" in the UK), to show what a local number looks like. */
export function localExampleNumber(country: string | undefined | null): string | null {
  const code = country?.trim().toUpperCase();
  if (!code || !isSupportedCountry(code)) return null;
  return getExampleNumber(code, mobileExamples)?.formatNational() ?? null;
}

export function countryOfNumber(e164: string): CountryCode | undefined {
  const parsed = parseE164(e164);
  if (!parsed) return undefined;
  return parsed.country;
}

/**
 * The country of a number the account owns, when Twilio's record names none: libphonenumber's,
 * else the main country of its calling code (+44 is the United Kingdom), so a range newer than
 * libphonenumber's metadata (+44 7700 900…) still has its country.
 */
export function countryOfOwnedNumber(e164: string): string | undefined {
  const parsed = parseE164(e164);
  if (!parsed) return undefined;
  return parsed.country ?? (metadata.country_calling_codes as Record<string, string[] | undefined>)[parsed.countryCallingCode]?.[0];
}

/**
 * The customer's country as an ISO code: what Twilio reported (the webhook's `FromCountry`,
 * kept on the customer), and what libphonenumber reads from the number only when none was
 * reported or it is no ISO code. Twilio's carrier data is newer than libphonenumber's ranges
 * (+44 7911 is a UK mobile, not Guernsey). Inbound and outbound both decide with this, so a
 * customer is never allowed one way only.
 */
export function countryOfCustomer(e164: string, reported?: string | null): string | null {
  const code = reported?.trim().toUpperCase();
  if (code && isSupportedCountry(code)) return code;
  return countryOfNumber(e164) ?? null;
}

/**
 * The type libphonenumber is sure of, or undefined: NANP numbers are FIXED_LINE_OR_MOBILE
 * (their digits never say which), and some numbers it does not classify at all.
 */
export function definiteNumberType(e164: string): Exclude<NumberType, "unknown"> | undefined {
  switch (parseE164(e164)?.getType()) {
    case "MOBILE":
      return "mobile";
    case "FIXED_LINE":
      return "local";
    case "TOLL_FREE":
      return "toll-free";
    default:
      return undefined;
  }
}

export function numberType(e164: string): NumberType {
  const definite = definiteNumberType(e164);
  if (definite) return definite;
  // A US or Canadian number bought as "local" is the common case, and elsewhere the
  // ambiguity is rare.
  return parseE164(e164)?.getType() === "FIXED_LINE_OR_MOBILE" ? "local" : "unknown";
}

/**
 * Senders nobody can text back: carrier short codes (3–8 digits) and alphanumeric
 * sender ids ("AMAZON", "VERIFY-ME").
 */
export function isShortCodeOrAlphanumericSender(from: string): boolean {
  const sender = typeof from === "string" ? from.trim() : "";
  if (sender === "") return false;
  if (/\p{L}/u.test(sender)) return true;
  return /^\+?\d{3,8}$/.test(sender.replace(/[\s-]/g, ""));
}

export function countryFlag(country: string | undefined | null): string {
  if (!country) return "";
  const code = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || !isSupportedCountry(code)) return "";
  const REGIONAL_INDICATOR_A = 0x1f1e6;
  return String.fromCodePoint(
    ...[...code].map((letter) => REGIONAL_INDICATOR_A + letter.charCodeAt(0) - 65),
  );
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

export function countryName(country: string): string {
  try {
    return regionNames.of(country.trim().toUpperCase()) || country;
  } catch {
    // Intl throws on anything that is not a region code ("abc", "1").
    return country;
  }
}
