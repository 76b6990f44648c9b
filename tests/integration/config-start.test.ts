import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Starts the app as `next start` would (instrumentation's register) with `env`, and reports how it ended. */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/register.ts"], {
      env: { PATH: process.env.PATH, NEXT_RUNTIME: "nodejs", DATA_DIR: "memory://", LOG_LEVEL: "silent", ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("starting with a bad configuration", () => {
  it("stops before anything starts, naming the variable and what is wrong", async () => {
    const run = await start({ PORT: "three thousand", TWILIO_ACCOUNT_SID: "AC123", TWILIO_AUTH_TOKEN: "token" });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("STARTED");
    expect(run.stderr).toContain('PORT must be a whole number, from 1 to 65535; it is "three thousand"');
    expect(run.stderr).toContain('TWILIO_ACCOUNT_SID must be an Account SID: "AC" followed by 32 hexadecimal characters');
    expect(run.stderr).toContain("Fix these variables (README, Configuration) and start again.");
  }, 60_000);

  it("refuses a web or worker process on the built-in PGlite database, which one process opens", async () => {
    const run = await start({ APP_ROLE: "web" });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("STARTED");
    expect(run.stderr).toContain('APP_ROLE is "web", which needs DATABASE_URL (PostgreSQL): with the built-in PGlite database the app runs as one process, APP_ROLE=all');
  }, 60_000);

  it("starts with the same variables once they are right", async () => {
    const run = await start({ PORT: "3000", TWILIO_ACCOUNT_SID: `AC${"5".repeat(32)}`, TWILIO_AUTH_TOKEN: "token" });
    expect(run.stderr).not.toContain("The configuration is not valid");
    expect(run.stdout).toContain("STARTED");
    expect(run.code).toBe(0);
  }, 180_000);
});
