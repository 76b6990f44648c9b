/** The kinds of number an admin can buy; "unknown" exists only for imported numbers libphonenumber cannot place. */
export const BUYABLE_NUMBER_TYPES = ["local", "mobile", "toll-free"] as const;
export type BuyableNumberType = (typeof BUYABLE_NUMBER_TYPES)[number];

export const NUMBER_TYPE_LABELS: Record<BuyableNumberType | "unknown", string> = {
  local: "Local",
  mobile: "Mobile",
  "toll-free": "Toll-free",
  unknown: "Unknown type",
};

export const NUMBER_SOURCE_LABELS = {
  purchased: "Bought here",
  imported: "Imported from Twilio",
  ported: "Ported in",
} as const;

export type Capabilities = { sms: boolean; mms: boolean; voice: boolean };

/**
 * Twilio spells capabilities "sms"/"mms" on owned numbers and "SMS"/"MMS" on numbers
 * for sale, and the SDK passes either through untouched: keys are read in any case, and
 * true as a boolean or the string "true".
 */
export function readCapabilities(raw: unknown): Capabilities {
  const record = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const capable = new Set(
    Object.entries(record)
      .filter(([, value]) => value === true || (typeof value === "string" && value.trim().toLowerCase() === "true"))
      .map(([key]) => key.toLowerCase()),
  );
  return { sms: capable.has("sms"), mms: capable.has("mms"), voice: capable.has("voice") };
}

/**
 * The type Twilio's record gives a number ("local", "mobile", "toll-free"; spelled in any case,
 * with or without the hyphen), or undefined when it names none of them.
 */
export function readTwilioNumberType(raw: unknown): BuyableNumberType | undefined {
  if (typeof raw !== "string") return undefined;
  const word = raw.toLowerCase().replace(/[^a-z]/g, "");
  if (word === "local") return "local";
  if (word === "mobile") return "mobile";
  if (word === "tollfree") return "toll-free";
  return undefined;
}
