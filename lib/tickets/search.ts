import type { TicketSearch } from "@/db/queries/tickets";
import { normalizePhoneNumber, type CountryCode } from "@/lib/phone/normalize";

// Where a number typed without its country code most likely comes from: the countries
// the product serves by default.
const LIKELY_COUNTRIES: readonly (CountryCode | undefined)[] = [undefined, "US", "GB", "CA", "AU", "FR", "DE", "IL", "JP"];

const PHONE_LIKE = /^[\d\s()+.\-/]+$/;

/** Typed text that names nothing searchable ("%", "!!!", "0 00") finds nothing, rather than everything. */
const NOTHING: TicketSearch = {};

/**
 * Reads what an agent typed in the inbox search: a phone number in any format (whole or
 * a few digits), or words from a name or a message.
 */
export function parseInboxSearch(text: string | null | undefined): TicketSearch | undefined {
  const q = (text ?? "").trim().slice(0, 200);
  if (!q) return undefined;
  const digits = q.replace(/\D/g, "");
  if (PHONE_LIKE.test(q) && digits.length >= 3) {
    const phones = new Set<string>();
    for (const country of LIKELY_COUNTRIES) {
      const parsed = normalizePhoneNumber(q, country);
      if (parsed.ok) phones.add(parsed.e164);
    }
    // A number typed whole (with its country code, or ten digits or more) is found by its
    // E.164 alone, through the unique index; anything shorter may be part of a number, which
    // the digit match finds by reading every customer. "07400 900…" is stored as
    // "+447400900…": the trunk zero is not among the stored digits.
    const whole = phones.size > 0 && (/^\s*(\+|00)/.test(q) || digits.length >= 10);
    const partial = digits.replace(/^0+/, "");
    if (whole || partial.length < 3) return phones.size ? { phones: [...phones] } : NOTHING;
    return phones.size ? { phones: [...phones], digits: partial } : { digits: partial };
  }
  const all = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // A lone letter ("Ann's" → "s") would match nearly everything as a prefix.
  const words = (all.length > 1 ? all.filter((word) => [...word].length > 1) : all).slice(0, 8);
  return words.length ? { words } : NOTHING;
}
