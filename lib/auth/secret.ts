import { randomBytes } from "node:crypto";
import { getDb } from "@/db";
import { env } from "@/env";
import { getOrCreateSetting } from "@/db/queries/settings";
import { log } from "@/lib/log";

const globalForSecret = globalThis as unknown as { __authSecret?: Promise<string> };

/**
 * NEXTAUTH_SECRET, or one generated once and kept in the database so that every app
 * process on one PostgreSQL signs and reads the same sessions, with nothing on local disk.
 */
export function getAuthSecret(): Promise<string> {
  const fromEnv = env().NEXTAUTH_SECRET;
  if (fromEnv) return Promise.resolve(fromEnv);
  globalForSecret.__authSecret ??= (async () => {
    const { value, created } = await getOrCreateSetting({
      db: await getDb(),
      key: "auth.secret",
      create: () => randomBytes(32).toString("base64url"),
    });
    if (created) log.info("NEXTAUTH_SECRET is not set: generated a session secret and stored it in the database");
    return value;
  })().catch((error: unknown) => {
    globalForSecret.__authSecret = undefined;
    throw error;
  });
  return globalForSecret.__authSecret;
}
