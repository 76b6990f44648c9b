import type { TicketSearch } from "@/db/queries/tickets";
import { normalizePhoneNumber, type CountryCode } from "@/lib/phone/normalize";

// Where a number typed without its country code most likely comes from: the countries
// the product serves by default.
const LIKELY_COUNTRIES: readonly (CountryCode | undefined)[] = [undefined, "US", "GB", "CA", "AU", "FR", "DE", "IL", "JP"];

const PHONE_LIKE = /^[\d\s()+.\-/]+$/;

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
    // "07700 900…" is stored as "+447700900…": the trunk zero is not part of the stored digits.
    const partial = digits.replace(/^0+/, "");
    return { phones: [...phones], digits: partial.length >= 3 ? partial : undefined };
  }
  const all = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // A lone letter ("Ann's" → "s") would match nearly everything as a prefix.
  const words = (all.length > 1 ? all.filter((word) => [...word].length > 1) : all).slice(0, 8);
  return words.length ? { words } : undefined;
}
