import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "@/db/drivers";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PGlite data folder, and its dump: each test database starts as a copy of it. */
    pgliteTemplate: { dataDir: string; dump: string };
    /** A migrated PostgreSQL database on TEST_DATABASE_URL's server, the template of each test database. */
    postgresTemplate: string | null;
  }
}

/**
 * Migrates once per run instead of once per test database: PGlite's first start (initdb)
 * and the migrations cost seconds, a copy of a migrated database a fraction of that.
 */
export default async function setup(project: TestProject) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sms-inbox-tests-"));
  const dataDir = path.join(folder, "pglite");
  const dump = path.join(folder, "pglite.tar");
  const pglite = await openPglite(dataDir);
  const client = (pglite.db as unknown as { $client: { dumpDataDir(compression: "none"): Promise<Blob> } }).$client;
  fs.writeFileSync(dump, Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()));
  await pglite.close();
  project.provide("pgliteTemplate", { dataDir, dump });

  const serverUrl = process.env.TEST_DATABASE_URL;
  const postgresTemplate = serverUrl ? await createPostgresTemplate(serverUrl) : null;
  project.provide("postgresTemplate", postgresTemplate);

  return async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    if (serverUrl && postgresTemplate) {
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${postgresTemplate} with (force)`).catch(() => {});
      await admin.end();
    }
  };
}

async function createPostgresTemplate(serverUrl: string): Promise<string> {
  const name = `it_template_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const migrated = await openPostgres(url.toString());
  await migrated.close();
  return name;
}
