// Starts the production build for the browser tests on a fresh database: PGlite in a
// new data folder, or a new database on TEST_DATABASE_URL's server when that is set.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";

const port = process.env.E2E_PORT || "3100";
// bcrypt at its least cost: the tests sign in hundreds of times and check who gets in, not how slowly.
const env = { PASSWORD_HASH_ROUNDS: "4", ...process.env, PORT: port, PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, NODE_ENV: "production", LOG_LEVEL: process.env.LOG_LEVEL || "warn" };
delete env.TWILIO_ACCOUNT_SID;
delete env.TWILIO_AUTH_TOKEN;
delete env.NEXTAUTH_SECRET;
delete env.NEXTAUTH_URL;

/** The PostgreSQL database this run made, dropped when the app stops. */
let database = null;
if (process.env.TEST_DATABASE_URL) {
  const name = `e2e_${port}_${Date.now()}`;
  database = name;
  const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  // A database an earlier run on this port left (its server killed before it could drop it):
  // only one server listens on a port, so none of these is in use.
  const stale = await admin`select datname from pg_database where datname like ${`e2e\_${port}\_%`}`;
  for (const { datname } of stale) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  delete env.DATA_DIR;
  console.log(`e2e database: PostgreSQL ${name}`);
} else {
  const dir = path.resolve(`.data-e2e-${port}`);
  fs.rmSync(dir, { recursive: true, force: true });
  env.DATA_DIR = dir;
  delete env.DATABASE_URL;
  console.log(`e2e database: PGlite in ${dir}`);
}

// Where the app's data is, for tests that run a server-side command against it; per port,
// as in e2e/support/accounts.ts, so two runs at once keep apart.
const runDir = `e2e/.auth/${port}`;
fs.mkdirSync(runDir, { recursive: true });
fs.writeFileSync(`${runDir}/database.json`, JSON.stringify(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : { DATA_DIR: env.DATA_DIR }));

const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], { env, stdio: "inherit" });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", async (code) => {
  if (database) {
    const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${database} with (force)`).catch(() => {});
    await admin.end();
  }
  process.exit(code ?? 0);
});
