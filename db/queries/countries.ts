import "server-only";
import type { DbOrTx } from "../client";
import { allowedCountries } from "../schema";

/** Countries admins allowed on top of the built-in list. */
export async function listExtraAllowedCountries({ db }: { db: DbOrTx }): Promise<string[]> {
  const rows = await db.select({ country: allowedCountries.country }).from(allowedCountries);
  return rows.map((row) => row.country);
}
