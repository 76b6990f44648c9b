import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { allowedCountries } from "../schema";

export type AllowedCountryRow = typeof allowedCountries.$inferSelect;

/** Countries admins allowed on top of the built-in list, by code. */
export async function listExtraAllowedCountries({ db }: { db: DbOrTx }): Promise<AllowedCountryRow[]> {
  return db.select().from(allowedCountries).orderBy(asc(allowedCountries.country));
}

/** False when the country was already on the list. */
export async function insertAllowedCountry({ db, country, addedById }: { db: DbOrTx; country: string; addedById: string | null }): Promise<boolean> {
  const rows = await db.insert(allowedCountries).values({ country, addedById }).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function deleteAllowedCountry({ db, country }: { db: DbOrTx; country: string }): Promise<boolean> {
  const rows = await db.delete(allowedCountries).where(eq(allowedCountries.country, country)).returning();
  return rows.length > 0;
}
