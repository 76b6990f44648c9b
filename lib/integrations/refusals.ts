import type { DbOrTx } from "@/db/client";
import { countRefusalsByCountry } from "@/db/queries/refused-messages";
import { allCountries, isCountryAllowed } from "@/lib/phone/countries";
import { countryName } from "@/lib/phone/normalize";
import { listExtraAllowedCountryCodes } from "./countries";

/** How far back the integrations page counts texts refused for their country. */
export const REFUSAL_WINDOW_DAYS = 30;

export interface RefusedCountry {
  code: string;
  name: string;
  count: number;
  /** Whether an admin can allow it (a country the list of countries offers). */
  canAllow: boolean;
}

export interface CountryRefusals {
  /** Every refused text still from a country not allowed, unknown countries included. */
  total: number;
  /** Most refused first. */
  countries: RefusedCountry[];
  /** Texts from a number whose country could not be told. */
  unknown: number;
}

/**
 * Refusals counted by country, leaving out countries allowed since: their customers can text
 * now, so there is nothing left to decide about them.
 */
export function summarizeCountryRefusals(rows: ReadonlyArray<{ country: string | null; count: number }>, extraAllowed: readonly string[]): CountryRefusals {
  const offered = new Set<string>(allCountries().map((country) => country.code));
  let unknown = 0;
  const countries: RefusedCountry[] = [];
  for (const row of rows) {
    if (!row.country) {
      unknown += row.count;
      continue;
    }
    if (isCountryAllowed(row.country, extraAllowed)) continue;
    countries.push({ code: row.country, name: countryName(row.country), count: row.count, canAllow: offered.has(row.country) });
  }
  countries.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "en"));
  return { total: unknown + countries.reduce((sum, country) => sum + country.count, 0), countries, unknown };
}

/** Texts refused in the last 30 days because their country is not allowed, by country. */
export async function getCountryRefusals({ db, now = new Date() }: { db: DbOrTx; now?: Date }): Promise<CountryRefusals> {
  const since = new Date(now.getTime() - REFUSAL_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const [rows, extraAllowed] = await Promise.all([countRefusalsByCountry({ db, since }), listExtraAllowedCountryCodes({ db })]);
  return summarizeCountryRefusals(rows, extraAllowed);
}
