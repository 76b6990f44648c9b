import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getUserByEmail } from "@/db/queries/users";
import { openPglite, openPostgres } from "@/db/drivers";
import { verifyPassword } from "@/lib/auth/password";
import { addUser } from "@/lib/users/manage";
import { redeemPasswordResetLink } from "@/lib/users/password-reset";

const EMAIL = "ada@example.com";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run admin:reset-password`'s script the way the server's shell would. */
function runCli(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  const childEnv: Record<string, string | undefined> = { ...process.env, PUBLIC_BASE_URL: "https://inbox.example.com", LOG_LEVEL: undefined, NODE_ENV: "production", ...env };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  return new Promise((resolve) => {
    execFile(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/admin-reset-password.ts", ...args], { env: childEnv as NodeJS.ProcessEnv, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function linkIn(stdout: string): string {
  const match = /https:\/\/inbox\.example\.com\/reset-password\/(\S+)/.exec(stdout);
  if (!match?.[1]) throw new Error(`no link in: ${stdout}`);
  return match[1];
}

// Each test starts the command (tsx compiling the script, PGlite opening its folder): seconds
// on an idle machine, much longer when other suites share the CPU.
describe("npm run admin:reset-password on PGlite", { timeout: 120_000 }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reset-cli-"));
    const handle = await openPglite(dataDir);
    await addUser({ db: handle.db, name: "Ada Admin", email: EMAIL, password: "forgotten password", role: "admin", actorId: null });
    await handle.close();
    // Migrating a new PGlite folder on disk takes a while on a busy machine.
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("refuses clearly while the app holds the data folder, and makes no link", async () => {
    const app = await openPglite(dataDir);
    try {
      const run = await runCli(["--email", EMAIL], { DATA_DIR: dataDir, DATABASE_URL: undefined });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("The app is running on this data folder, so no link was made.");
      expect(run.stderr).toContain(`in use by process ${process.pid}`);
      expect(run.stdout).not.toContain("/reset-password/");
    } finally {
      await app.close();
    }
  });

  it("says how to use it, and names an unknown email", async () => {
    const usage = await runCli([], { DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Usage: npm run admin:reset-password -- --email");
    const unknown = await runCli(["--email", "nobody@example.com"], { DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No user has the email nobody@example.com.");
  });

  it("prints a link with which the locked-out admin chooses a new password", async () => {
    const run = await runCli(["--email", "ADA@example.com"], { DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Password reset link for Ada Admin (ada@example.com), admin:");
    const token = linkIn(run.stdout);

    const handle = await openPglite(dataDir);
    try {
      await redeemPasswordResetLink({ db: handle.db, token, password: "remembered this time" });
      const admin = await getUserByEmail({ db: handle.db, email: EMAIL });
      expect(await verifyPassword("remembered this time", admin!.passwordHash)).toBe(true);
    } finally {
      await handle.close();
    }
  });
});

// On PostgreSQL too when TEST_DATABASE_URL names a server, as the other integration suites.
const postgresServers = process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [];

describe.each(postgresServers)("npm run admin:reset-password on PostgreSQL", (serverUrl) => {
  const name = `it_cli_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  beforeAll(async () => {
    const server = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await server.unsafe(`create database ${name}`);
    await server.end();
  });
  afterAll(async () => {
    const server = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await server.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await server.end();
  });

  it("prints a working link while the app is connected to the same database", async () => {
    const app = await openPostgres(url.toString());
    try {
      await addUser({ db: app.db, name: "Ada Admin", email: EMAIL, password: "forgotten password", role: "admin", actorId: null });
      const run = await runCli(["--email", EMAIL], { DATABASE_URL: url.toString() });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      await redeemPasswordResetLink({ db: app.db, token: linkIn(run.stdout), password: "remembered this time" });
      const admin = await getUserByEmail({ db: app.db, email: EMAIL });
      expect(await verifyPassword("remembered this time", admin!.passwordHash)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
