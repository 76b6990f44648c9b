import "server-only";
import { env } from "@/env";
import type { Database, DatabaseHandle } from "./client";
import { openPglite, openPostgres } from "./drivers";

interface DatabaseGlobal {
  __databaseHandle?: Promise<DatabaseHandle>;
  __databaseShutdownHooked?: boolean;
}
const globalForDb = globalThis as unknown as DatabaseGlobal;

export function databaseDriver(): "pglite" | "postgresql" {
  return env().DATABASE_URL ? "postgresql" : "pglite";
}

function hookShutdown() {
  if (globalForDb.__databaseShutdownHooked) return;
  globalForDb.__databaseShutdownHooked = true;
  const shutdown = (signal: NodeJS.Signals) => {
    void closeDatabase().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

/**
 * The process's one database: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR.
 * Opened once, migrated, and cached on globalThis so dev hot reload reuses it. A failed
 * open is not cached, so a database that comes back is used without a restart.
 */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (env().NEXT_PHASE === "phase-production-build") {
    // A page that reads the database must render per request; opening one here would
    // also take the PGlite lock away from a running server.
    throw new Error("The database is not available while building. Mark the page dynamic (await connection()).");
  }
  if (!globalForDb.__databaseHandle) {
    const { DATABASE_URL: url, DATA_DIR: dataDir } = env();
    const opening = url ? openPostgres(url) : openPglite(dataDir);
    globalForDb.__databaseHandle = opening;
    opening.then(hookShutdown, () => {
      if (globalForDb.__databaseHandle === opening) globalForDb.__databaseHandle = undefined;
    });
  }
  return globalForDb.__databaseHandle;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

export async function closeDatabase(): Promise<void> {
  const opening = globalForDb.__databaseHandle;
  globalForDb.__databaseHandle = undefined;
  if (!opening) return;
  const handle = await opening.catch(() => null);
  await handle?.close();
}

/** Tests put their own database in place of the process's one. */
export function setDatabaseHandle(handle: DatabaseHandle | undefined): void {
  globalForDb.__databaseHandle = handle ? Promise.resolve(handle) : undefined;
}
