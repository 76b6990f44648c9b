import { randomBytes } from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { setDatabaseHandle } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { openPglite, openPostgres } from "@/db/drivers";

export interface TestDatabase {
  name: "pglite" | "postgresql";
  open(): Promise<DatabaseHandle>;
}

/**
 * The databases integration tests run on: PGlite always, and PostgreSQL too when
 * TEST_DATABASE_URL names a server. Each `open()` is a new, migrated, empty database: a copy
 * of the one the global setup migrated (tests/support/global-setup.ts).
 */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: "pglite", open: openFreshPglite }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) list.push({ name: "postgresql", open: () => openFreshPostgres(url) });
  return list;
}

function openFreshPglite(): Promise<DatabaseHandle> {
  const template = inject("pgliteTemplate");
  return openPglite("memory://", template ? new Blob([fs.readFileSync(template.dump)]) : undefined);
}

/** A new, migrated, empty PostgreSQL database on the server, with its URL for another process to open. */
export async function openFreshPostgres(serverUrl: string): Promise<DatabaseHandle & { url: string }> {
  const name = `it_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const template = inject("postgresTemplate");
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString());
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
    },
  };
}

/** Makes `handle` the database that app code (route handlers, queries) uses in this test process. */
export function useDatabase(handle: DatabaseHandle): void {
  setDatabaseHandle(handle);
}
