import type { NumberSearch } from "@/db/queries/refused-messages";
import type { RefusalReason } from "@/db/schema";
import { normalizePhoneNumber } from "@/lib/phone/normalize";

export const REFUSAL_REASONS: Readonly<Record<RefusalReason, string>> = {
  country_not_allowed: "Country not allowed",
  one_time_passcode: "One-time passcode",
  short_code_or_sender_name: "Short code or sender name",
};

/**
 * A number as someone types it, to search refused messages by: "+44 7911 123456" (the whole
 * number), "(206) 555-0100" or "5550100" (digits anywhere in it), "AMAZON" (a sender name).
 * Null when there is nothing to search for.
 */
export function numberSearchFrom(input: string | null | undefined): NumberSearch | null {
  const text = (input ?? "").trim().slice(0, 40);
  if (text === "") return null;
  const normalized = normalizePhoneNumber(text);
  if (normalized.ok) return { exact: normalized.e164, digits: null };
  if (/\p{L}/u.test(text)) return { exact: text.replace(/\s+/g, ""), digits: null };
  const digits = text.replace(/\D/g, "");
  return { exact: null, digits: digits === "" ? null : digits };
}
