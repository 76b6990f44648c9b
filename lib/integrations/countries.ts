import type { DbOrTx } from "@/db/client";
import { deleteAllowedCountry, insertAllowedCountry, listExtraAllowedCountries } from "@/db/queries/allowed-countries";
import { AppError } from "@/lib/errors";
import { CROWN_DEPENDENCIES, DEFAULT_ALLOWED_COUNTRIES, allCountries, isCountryAllowed } from "@/lib/phone/countries";
import { countryName } from "@/lib/phone/normalize";

export type AllowedCountry = {
  code: string;
  name: string;
  /** Built in, from the product's promise; cannot be removed. */
  isDefault: boolean;
  addedAt: Date | null;
  /** The country it is allowed with and listed beside ("GB" for the Crown Dependencies). */
  alongside: string | null;
};

// By name, except that a country allowed with another follows it.
const sortName = (country: AllowedCountry) => (country.alongside ? `${countryName(country.alongside)}\u0000${country.name}` : country.name);
const byName = (a: AllowedCountry, b: AllowedCountry) => sortName(a).localeCompare(sortName(b), "en");

/** Every country customers may text with: the built-in ones and those an admin added. */
export async function getAllowedCountries({ db }: { db: DbOrTx }): Promise<AllowedCountry[]> {
  const extras = await listExtraAllowedCountries({ db });
  const defaults: AllowedCountry[] = DEFAULT_ALLOWED_COUNTRIES.map((code) => ({
    code,
    name: countryName(code),
    isDefault: true,
    addedAt: null,
    alongside: CROWN_DEPENDENCIES.includes(code) ? "GB" : null,
  }));
  const added: AllowedCountry[] = extras
    .filter((row) => !(DEFAULT_ALLOWED_COUNTRIES as readonly string[]).includes(row.country))
    .map((row) => ({ code: row.country, name: countryName(row.country), isDefault: false, addedAt: row.createdAt, alongside: null }));
  return [...defaults, ...added].sort(byName);
}

/** The codes of the countries admins allowed on top of the built-in list. */
export async function listExtraAllowedCountryCodes({ db }: { db: DbOrTx }): Promise<string[]> {
  return (await listExtraAllowedCountries({ db })).map((row) => row.country);
}

/** Whether messages may be exchanged with a customer in `country` (ISO code, from libphonenumber). */
export async function isCountryAllowedForMessaging({ db, country }: { db: DbOrTx; country: string | null | undefined }): Promise<boolean> {
  if (!country) return false;
  if (isCountryAllowed(country, [])) return true;
  return isCountryAllowed(country, await listExtraAllowedCountryCodes({ db }));
}

export async function allowCountry({ db, country, actorId }: { db: DbOrTx; country: string; actorId: string }): Promise<void> {
  const known = allCountries().find((option) => option.code === country);
  if (!known) throw new AppError("bad_request", "Choose a country from the list.", { country: "Choose a country from the list." });
  if (isCountryAllowed(country, [])) {
    const message = `${known.name} is always allowed.`;
    throw new AppError("conflict", message, { country: message });
  }
  if (!(await insertAllowedCountry({ db, country, addedById: actorId }))) {
    const message = `${known.name} is already allowed.`;
    throw new AppError("conflict", message, { country: message });
  }
}

export async function disallowCountry({ db, country }: { db: DbOrTx; country: string }): Promise<void> {
  if (isCountryAllowed(country, [])) throw new AppError("bad_request", `${countryName(country)} is allowed by default and cannot be removed.`);
  if (!(await deleteAllowedCountry({ db, country }))) throw new AppError("not_found", `${countryName(country)} was not on the list.`);
}
