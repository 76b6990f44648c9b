import { type CountryCode, getCountries, getCountryCallingCode } from "libphonenumber-js/max";
import { countryName } from "./normalize";

// Computed rather than listed so a new +1 territory in libphonenumber's metadata is
// allowed without anyone editing this file, as the product promises "all +1 countries".
const NORTH_AMERICAN_NUMBERING_PLAN: readonly CountryCode[] = getCountries().filter(
  (country) => getCountryCallingCode(country) === "1",
);

/**
 * Guernsey, Jersey and the Isle of Man share the United Kingdom's +44 numbers, and
 * libphonenumber files some UK ranges under them: they are allowed with the United Kingdom,
 * which is always allowed, and listed beside it.
 */
export const CROWN_DEPENDENCIES: readonly CountryCode[] = Object.freeze(["GG", "IM", "JE"] as CountryCode[]);

export const DEFAULT_ALLOWED_COUNTRIES: readonly CountryCode[] = Object.freeze([
  ...new Set<CountryCode>(["IL", "JP", "FR", "DE", "GB", ...CROWN_DEPENDENCIES, "AU", "US", "CA", ...NORTH_AMERICAN_NUMBERING_PLAN]),
]);

/**
 * Whether a customer in `country` may text the store or be texted. `extraAllowed` holds
 * the countries support switched on for this account beyond the defaults.
 */
export function isCountryAllowed(country: string | undefined | null, extraAllowed: readonly string[]): boolean {
  if (!country) return false;
  const code = country.trim().toUpperCase();
  if ((DEFAULT_ALLOWED_COUNTRIES as readonly string[]).includes(code)) return true;
  return extraAllowed.some((extra) => extra.trim().toUpperCase() === code);
}

export type CountryOption = { code: CountryCode; name: string; callingCode: string };

let cachedCountries: CountryOption[] | undefined;

export function allCountries(): CountryOption[] {
  cachedCountries ??= getCountries()
    .map((code) => ({ code, name: countryName(code), callingCode: getCountryCallingCode(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
  // A copy, so a caller sorting or filtering its list cannot change everyone else's.
  return cachedCountries.map((country) => ({ ...country }));
}
