import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { appSettings } from "../schema";

export async function getSetting<T>({ db, key }: { db: DbOrTx; key: string }): Promise<T | null> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return row ? (row.value as T) : null;
}

export async function putSetting<T>({ db, key, value }: { db: DbOrTx; key: string; value: T }): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: new Date() } });
}

/**
 * Reads a setting, creating it first if missing. Every process racing here ends up with
 * the same value: the first insert wins and the others read it back.
 */
export async function getOrCreateSetting<T>({ db, key, create }: { db: DbOrTx; key: string; create: () => T }): Promise<{ value: T; created: boolean }> {
  const existing = await getSetting<T>({ db, key });
  if (existing !== null) return { value: existing, created: false };
  const inserted = await db.insert(appSettings).values({ key, value: create() }).onConflictDoNothing().returning();
  if (inserted[0]) return { value: inserted[0].value as T, created: true };
  return { value: (await getSetting<T>({ db, key })) as T, created: false };
}
