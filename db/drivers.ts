import "server-only";
import path from "node:path";
import { sql } from "drizzle-orm";
import { env } from "@/env";
import type { DatabaseHandle, Database } from "./client";
import { lockDataFolder } from "./lock";
import * as schema from "./schema";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
const MIGRATION_LOCK_KEY = 7_301_551;

/**
 * PGlite in a folder (or `memory://` for tests), behind this process's own lock. `from`, a
 * dump of a data folder (`dumpDataDir`), starts it as a copy of that one instead of empty.
 */
export async function openPglite(dataDir: string, from?: Blob | File): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const inMemory = dataDir.startsWith("memory://");
  const release = inMemory ? () => {} : lockDataFolder(path.resolve(dataDir));
  let client;
  try {
    // PostgreSQL's page cache lives in the app's own memory here; the files it caches stay in
    // the operating system's cache (not the process's) too, so a small one costs little time.
    const startParams = [...PGlite.defaultStartParams, "-c", `shared_buffers=${env().PGLITE_SHARED_BUFFERS_MB}MB`];
    client = await PGlite.create(inMemory ? dataDir : path.resolve(dataDir), { startParams, ...(from ? { loadDataDir: from } : {}) });
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    // In this process: never lost, so made once.
    listen: async (channel, listener, onListen) => {
      const unsubscribe = await client.listen(channel, listener);
      onListen?.();
      return async () => unsubscribe();
    },
    ping: async () => {
      await client.query("select 1");
    },
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        release();
      }
    },
  };
}

export async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, {
    max: env().DATABASE_POOL_SIZE,
    connect_timeout: 5,
    idle_timeout: 60,
    // After failed connections postgres.js waits longer and longer (up to 20 s) before the
    // next try, and queries wait with it; a database back after an outage is used within 2 s.
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 2),
    onnotice: () => {},
  });
  const db = drizzle(client, { schema });
  // Several app processes may start together: one migrates, the others wait for it.
  const reserved = await client.reserve();
  try {
    await reserved`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await reserved`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
    reserved.release();
  }
  return {
    db: db as unknown as Database,
    driver: "postgresql",
    listen: async (channel, listener, onListen) => {
      const subscription = await client.listen(channel, listener, onListen);
      return () => subscription.unlisten();
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
  };
}
