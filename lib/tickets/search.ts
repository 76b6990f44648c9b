import type { TicketSearch } from "@/db/queries/inbox-conditions";
import { normalizePhoneNumber, type CountryCode } from "@/lib/phone/normalize";
import { checkTagName } from "@/lib/tags/name";

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

/** What `parseSearchQuery` read: the search to run, and filters it did not understand, kept as words. */
export interface ParsedSearch {
  search: TicketSearch | undefined;
  /** Tokens that looked like filters but were not ("colour:red", "status:banana"), searched as plain words. */
  ignored: string[];
}

const FILTER_KEYS = ["tag", "status", "assignee", "integration", "from"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** `key:"a value"`, `key:value`, `"a phrase"`, or a run of anything else up to a space. */
const TOKEN = /(\p{L}[\p{L}\p{N}_-]*):(?:"([^"]*)"?|(\S*))|"([^"]*)"?|(\S+)/gu;

function phoneCandidates(text: string): string[] {
  const phones = new Set<string>();
  if (!PHONE_LIKE.test(text) || text.replace(/\D/g, "").length < 3) return [];
  for (const country of LIKELY_COUNTRIES) {
    const parsed = normalizePhoneNumber(text, country);
    if (parsed.ok) phones.add(parsed.e164);
  }
  return [...phones];
}

/**
 * Reads the inbox search box: quoted phrases, the filters `tag:`, `status:` (open, closed),
 * `assignee:` (a name, an email, `me` or `none`), `integration:` (a name) and `from:` (a number
 * in any format), and plain words or a number as `parseInboxSearch` reads them. Repeated tags
 * must all be on the ticket; a repeated status, assignee, integration or number matches any of
 * them. A filter it does not understand is searched as plain words and listed in `ignored`.
 */
export function parseSearchQuery(text: string | null | undefined): ParsedSearch {
  const q = (text ?? "").slice(0, 200);
  const words: string[] = [];
  const phrases: string[] = [];
  const ignored: string[] = [];
  const filters: Required<Pick<TicketSearch, "tags" | "statuses" | "assignees" | "integrations" | "from">> = {
    tags: [],
    statuses: [],
    assignees: [],
    integrations: [],
    from: [],
  };
  let filtered = false;
  for (const match of q.matchAll(TOKEN)) {
    const [token, rawKey, quotedValue, plainValue, phrase, word] = match;
    if (word !== undefined) {
      words.push(word);
      continue;
    }
    if (phrase !== undefined) {
      const terms = phrase.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      if (terms.length) phrases.push(terms.join(" "));
      continue;
    }
    const key = rawKey!.toLowerCase();
    const value = (quotedValue ?? plainValue ?? "").trim().normalize("NFC");
    const known = (FILTER_KEYS as readonly string[]).includes(key) ? (key as FilterKey) : null;
    let understood = false;
    if (known && value) {
      switch (known) {
        case "tag": {
          // Read as the inbox's tag filter reads it, so both find the same tickets.
          const tag = checkTagName(value);
          understood = tag.ok;
          if (tag.ok) filters.tags.push(tag.name);
          break;
        }
        case "status": {
          const status = value.toLowerCase();
          understood = status === "open" || status === "closed";
          if (status === "open" || status === "closed") filters.statuses.push(status);
          break;
        }
        case "assignee": {
          const who = value.toLowerCase();
          filters.assignees.push(who === "me" ? { me: true } : who === "none" ? { none: true } : { name: who });
          understood = true;
          break;
        }
        case "integration":
          filters.integrations.push(value.toLowerCase());
          understood = true;
          break;
        case "from": {
          const phones = phoneCandidates(value);
          understood = phones.length > 0;
          filters.from.push(...phones);
          break;
        }
      }
    }
    if (understood) {
      filtered = true;
    } else {
      ignored.push(token);
      words.push(token);
    }
  }
  const free = parseInboxSearch(words.join(" "));
  if (!filtered && !phrases.length) return { search: free, ignored };
  const search: TicketSearch = { ...(free ?? {}) };
  if (phrases.length) search.phrases = phrases.slice(0, 4);
  for (const key of ["tags", "statuses", "assignees", "integrations", "from"] as const) {
    if (filters[key].length) Object.assign(search, { [key]: [...new Map(filters[key].map((item) => [JSON.stringify(item), item])).values()] });
  }
  return { search, ignored };
}
