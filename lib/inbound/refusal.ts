import { countryName } from "@/lib/phone/normalize";

/**
 * Why the inbox did not take a text that Twilio delivered to it. The webhook still answers
 * 200 (Twilio must not retry it) and names the reason in this header, which Twilio ignores
 * and the sandbox's phone simulator shows in place of "Delivered".
 */
export const NOT_ACCEPTED_HEADER = "X-Inbox-Not-Accepted";

export type Refusal =
  | { reason: "country-not-allowed"; country: string | null }
  | { reason: "one-time-passcode" }
  | { reason: "short-code" }
  | { reason: "sender-name" };

/** The header's value: ASCII only, so a country goes as its ISO code ("country-not-allowed; country=RU"). */
export function refusalHeaderValue(refusal: Refusal): string {
  if (refusal.reason === "country-not-allowed" && refusal.country) return `${refusal.reason}; country=${refusal.country}`;
  return refusal.reason;
}

/** The header's value in words ("country not allowed (Russia)"); null when it is not one this app sends. */
export function describeRefusal(value: string): string | null {
  const [reason = "", ...parameters] = value.split(";").map((part) => part.trim());
  switch (reason) {
    case "country-not-allowed": {
      const code = parameters.find((part) => part.startsWith("country="))?.slice("country=".length).toUpperCase();
      return code && /^[A-Z]{2}$/.test(code) ? `country not allowed (${countryName(code)})` : "country not allowed (unknown country)";
    }
    case "one-time-passcode":
      return "it looks like a one-time passcode, which the inbox does not receive";
    case "short-code":
      return "it comes from a short code, which cannot be answered";
    case "sender-name":
      return "it comes from a sender name, not a phone number, which cannot be answered";
    default:
      return null;
  }
}
