import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { openPglite, openPostgres } from "../db/drivers";
import type { DatabaseHandle } from "../db/client";

export type Target = { name: "pglite"; dataDir: string } | { name: "postgresql"; url: string };

export async function freshTarget(name: "pglite" | "postgresql"): Promise<Target> {
  if (name === "pglite") {
    const dataDir = path.resolve(".data-bench");
    fs.rmSync(dataDir, { recursive: true, force: true });
    return { name, dataDir };
  }
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) throw new Error("BENCH_DATABASE_URL is not set");
  const dbName = `${process.env.BENCH_DATABASE_PREFIX ?? "bench"}_${Date.now()}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  return { name, url: url.toString() };
}

/** Opens the target from the benchmark process (never while the app holds PGlite). */
export function openTarget(target: Target): Promise<DatabaseHandle> {
  return target.name === "pglite" ? openPglite(target.dataDir) : openPostgres(target.url);
}

export function appEnv(target: Target): Record<string, string | undefined> {
  return target.name === "pglite" ? { DATA_DIR: target.dataDir, DATABASE_URL: undefined } : { DATABASE_URL: target.url, DATA_DIR: undefined };
}
