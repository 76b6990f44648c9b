import { createHash } from "node:crypto";
import { type CountryCode, getCountryCallingCode, getExampleNumber, isSupportedCountry } from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { countryOfNumber, formatPhoneNumber, normalizePhoneNumber, numberType } from "@/lib/phone/normalize";
import { localPrefixes } from "./geography";

export type SearchType = "Local" | "Mobile" | "TollFree";
export type OwnedType = "local" | "mobile" | "toll-free";
export interface Capabilities {
  voice: boolean;
  sms: boolean;
  mms: boolean;
}

export const SEARCH_TYPES: Record<SearchType, OwnedType> = { Local: "local", Mobile: "mobile", TollFree: "toll-free" };

/**
 * What Twilio's numbers can do, by country and type: US and Canadian local and toll-free
 * numbers have SMS and MMS, UK mobiles SMS only, everything else voice only.
 */
export function capabilitiesFor(country: string, type: OwnedType): Capabilities {
  if ((country === "US" || country === "CA") && type !== "mobile") return { voice: true, sms: true, mms: true };
  if (country === "GB" && type === "mobile") return { voice: true, sms: true, mms: false };
  return { voice: true, sms: false, mms: false };
}

interface Template {
  prefix: string;
  length: number;
}

const NANP_TOLL_FREE = ["800", "833", "844", "855", "866", "877", "888"];
const templates = (prefixes: readonly string[], length: number): Template[] => prefixes.map((prefix) => ({ prefix, length }));

// National number prefixes and lengths the sandbox draws numbers from, per country and type.
const TEMPLATES: Readonly<Record<string, Partial<Record<OwnedType, Template[]>>>> = {
  US: { local: templates(localPrefixes("US"), 10), "toll-free": templates(NANP_TOLL_FREE, 10) },
  CA: { local: templates(localPrefixes("CA"), 10), "toll-free": templates(NANP_TOLL_FREE, 10) },
  GB: { mobile: templates(["7400", "7480", "7520", "7800", "7900"], 10), local: templates(localPrefixes("GB"), 10), "toll-free": templates(["800"], 10) },
  FR: { mobile: templates(["6", "7"], 9), local: templates(["1", "4", "5"], 9), "toll-free": templates(["800"], 9) },
  DE: { mobile: templates(["151", "160", "170", "176"], 11), local: templates(["30", "40", "89"], 10), "toll-free": templates(["800"], 10) },
  JP: { mobile: templates(["90", "80"], 10), local: templates(["3", "6"], 9), "toll-free": templates(["120"], 9) },
  AU: { mobile: templates(["4"], 9), local: templates(["2", "3", "7", "8"], 9), "toll-free": templates(["1800"], 10) },
  IL: { mobile: templates(["50", "52", "54"], 9), local: templates(["2", "3", "4", "8", "9"], 8), "toll-free": templates(["1800"], 10) },
};

function templatesFor(country: string, type: OwnedType): Template[] {
  const known = TEMPLATES[country];
  if (known) return known[type] ?? [];
  if (type !== "mobile" || !isSupportedCountry(country)) return [];
  // Elsewhere, mobiles shaped like libphonenumber's example number for the country.
  const example = getExampleNumber(country as CountryCode, examples)?.nationalNumber;
  return example ? [{ prefix: example.slice(0, Math.max(1, example.length - 5)), length: example.length }] : [];
}

const KEYPAD: Readonly<Record<string, string>> = Object.fromEntries(
  ["2abc", "3def", "4ghi", "5jkl", "6mno", "7pqrs", "8tuv", "9wxyz"].flatMap(([digit, ...letters]) => letters.map((letter) => [letter, digit!])),
);

/** Twilio's Contains pattern as digits and `*` (one any digit); letters read as on a keypad. */
export function containsPattern(contains: string): string {
  return [...contains.toLowerCase()].map((char) => KEYPAD[char] ?? char).join("");
}

export function matchesContains(e164: string, pattern: string): boolean {
  const source = pattern.replace(/[^0-9*]/g, "").replace(/\*/g, "\\d");
  return source === "" || new RegExp(source).test(e164.replace(/^\+/, ""));
}

function digitsFrom(seed: string, count: number): string {
  let out = "";
  for (let round = 0; out.length < count; round++) {
    const hash = createHash("sha256").update(`${seed}#${round}`).digest();
    for (const byte of hash) if (out.length < count && byte < 250) out += String(byte % 10);
  }
  return out;
}

function candidate(template: Template, index: number, pattern: string): string {
  const free = template.length - template.prefix.length;
  let rest = digitsFrom(`${template.prefix}:${index}`, free);
  if (pattern && pattern.length <= free) {
    // Draw some numbers with the pattern in them, or a Contains search would rarely find any.
    const at = index % (free - pattern.length + 1);
    const placed = [...pattern].map((char, i) => (char === "*" ? rest[at + i] : char)).join("");
    rest = rest.slice(0, at) + placed + rest.slice(at + placed.length);
  }
  return template.prefix + rest;
}

export interface PoolSearch {
  country: string;
  type: SearchType;
  areaCode?: string;
  contains?: string;
  smsEnabled?: boolean;
  mmsEnabled?: boolean;
  voiceEnabled?: boolean;
  limit: number;
  isTaken: (e164: string) => boolean;
}

export interface PoolNumber {
  e164: string;
  country: string;
  type: OwnedType;
  capabilities: Capabilities;
}

/** The numbers "for sale": deterministic, valid for libphonenumber, never one already owned. */
export function searchNumberPool(search: PoolSearch): PoolNumber[] {
  const country = search.country.toUpperCase();
  const type = SEARCH_TYPES[search.type];
  const capabilities = capabilitiesFor(country, type);
  const wanted = [
    [search.smsEnabled, capabilities.sms],
    [search.mmsEnabled, capabilities.mms],
    [search.voiceEnabled, capabilities.voice],
  ] as const;
  if (wanted.some(([asked, has]) => asked !== undefined && asked !== has)) return [];
  if (!isSupportedCountry(country)) return [];

  let pool = templatesFor(country, type);
  const areaCode = search.areaCode?.trim();
  if (areaCode) {
    pool = pool.filter((template) => template.prefix.startsWith(areaCode) || areaCode.startsWith(template.prefix));
    if (pool.length === 0 && type === "local" && (country === "US" || country === "CA") && /^[2-9]\d\d$/.test(areaCode)) {
      pool = [{ prefix: areaCode, length: 10 }];
    }
    pool = pool.map((template) => (areaCode.length > template.prefix.length ? { ...template, prefix: areaCode } : template));
  }
  if (pool.length === 0) return [];

  const callingCode = getCountryCallingCode(country as CountryCode);
  const pattern = search.contains ? containsPattern(search.contains) : "";
  const found = new Map<string, PoolNumber>();
  const attempts = 200 + search.limit * 40;
  for (let index = 0; index < attempts && found.size < search.limit; index++) {
    const template = pool[index % pool.length]!;
    const e164 = `+${callingCode}${candidate(template, Math.floor(index / pool.length), pattern)}`;
    if (found.has(e164) || !matchesContains(e164, pattern)) continue;
    const parsed = normalizePhoneNumber(e164);
    if (!parsed.ok || numberType(e164) !== type) continue;
    // NANP toll-free numbers belong to no one country; everything else must be where it was asked for.
    if (parsed.country !== country && !(type === "toll-free" && callingCode === "1")) continue;
    if (search.isTaken(e164)) continue;
    found.set(e164, { e164, country, type, capabilities });
  }
  return [...found.values()];
}

/** What buying this number gets: null when no carrier would sell it (not a real number). */
export function describePurchasable(e164: string): PoolNumber | null {
  const parsed = normalizePhoneNumber(e164);
  if (!parsed.ok || parsed.e164 !== e164) return null;
  const type = numberType(e164);
  const country = countryOfNumber(e164);
  if (type === "unknown" || !country) return null;
  return { e164, country, type, capabilities: capabilitiesFor(country, type) };
}

/** "(415) 555-0134" for North American numbers, international format elsewhere, as Twilio names them. */
export function friendlyNameFor(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : formatPhoneNumber(e164);
}

/** The countries the sandbox has a full catalogue for (others have mobiles only). */
export function catalogueCountries(): string[] {
  return Object.keys(TEMPLATES);
}

export function offeredTypes(country: string): SearchType[] {
  const code = country.toUpperCase();
  return (Object.keys(SEARCH_TYPES) as SearchType[]).filter((type) => templatesFor(code, SEARCH_TYPES[type]).length > 0);
}
