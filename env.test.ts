import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("the configuration", () => {
  it("fills in README's defaults when nothing is set, and treats an empty value as unset", () => {
    const env = parseEnv({ PORT: "", LOG_LEVEL: "" });
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: "./.data",
      PGLITE_SHARED_BUFFERS_MB: 32,
      DATABASE_POOL_SIZE: 10,
      TWILIO_TIMEOUT_MS: 15_000,
      JOB_POLL_MS: 1000,
      JOB_RETENTION_DAYS: 7,
      SSE_HEARTBEAT_MS: 20_000,
      SANDBOX_STEP_MS: 300,
      SANDBOX_WEBHOOK_TIMEOUT_MS: 15_000,
      TRUSTED_PROXY_HOPS: 0,
      APP_ROLE: "all",
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PUBLIC_BASE_URL).toBeUndefined();
    expect(env.LOG_LEVEL).toBeUndefined();
  });

  it("reads what is set, numbers as numbers and base URLs without their trailing slash", () => {
    const env = parseEnv({
      PORT: "8080",
      PUBLIC_BASE_URL: "https://inbox.example.com//",
      TWILIO_ACCOUNT_SID: `AC${"a".repeat(32)}`,
      TWILIO_API_KEY_SID: `SK${"B".repeat(32)}`,
      DATABASE_URL: "postgresql://app:secret@db:5432/inbox",
      SANDBOX_STEP_MS: "0",
      LOG_LEVEL: "warn",
    });
    expect(env).toMatchObject({ PORT: 8080, PUBLIC_BASE_URL: "https://inbox.example.com", SANDBOX_STEP_MS: 0, LOG_LEVEL: "warn" });
  });

  it("names every variable with a bad value and says what is wrong", () => {
    expect(
      problemsOf({
        PORT: "80a",
        TWILIO_ACCOUNT_SID: "my-account",
        JOB_POLL_MS: "0",
        PUBLIC_BASE_URL: "inbox.example.com",
        LOG_LEVEL: "verbose",
        DATABASE_URL: "mysql://root:hunter2@db/inbox",
      }),
    ).toEqual([
      'DATABASE_URL must be a PostgreSQL connection string such as postgres://user:pass@host:5432/db',
      'PORT must be a whole number, from 1 to 65535; it is "80a"',
      'PUBLIC_BASE_URL must be an absolute URL such as https://inbox.example.com; it is "inbox.example.com"',
      'TWILIO_ACCOUNT_SID must be an Account SID: "AC" followed by 32 hexadecimal characters (see the Twilio console)',
      'JOB_POLL_MS must be a whole number of milliseconds, 1 or more; it is "0"',
      "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
    ]);
  });

  it("never repeats a secret in its message", () => {
    const problems = problemsOf({ DATABASE_URL: "mysql://root:hunter2@db/inbox", TWILIO_API_KEY_SID: "SK-hunter2" });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).not.toContain("hunter2");
  });

  it("reads PGlite's page cache in megabytes and refuses a size it cannot be", () => {
    expect(parseEnv({ PGLITE_SHARED_BUFFERS_MB: "128" }).PGLITE_SHARED_BUFFERS_MB).toBe(128);
    expect(problemsOf({ PGLITE_SHARED_BUFFERS_MB: "32MB" })).toEqual(['PGLITE_SHARED_BUFFERS_MB must be a whole number of megabytes, from 1 to 1024; it is "32MB"']);
    expect(problemsOf({ PGLITE_SHARED_BUFFERS_MB: "0" })).toEqual(['PGLITE_SHARED_BUFFERS_MB must be a whole number of megabytes, from 1 to 1024; it is "0"']);
  });

  it("reads bcrypt's cost from 4 to 15, and refuses any other", () => {
    expect(parseEnv({}).PASSWORD_HASH_ROUNDS).toBeUndefined();
    expect(parseEnv({ PASSWORD_HASH_ROUNDS: "13" }).PASSWORD_HASH_ROUNDS).toBe(13);
    expect(problemsOf({ PASSWORD_HASH_ROUNDS: "3" })).toEqual(['PASSWORD_HASH_ROUNDS must be a whole number of bcrypt rounds, from 4 to 15; it is "3"']);
    expect(problemsOf({ PASSWORD_HASH_ROUNDS: "twelve" })).toEqual(['PASSWORD_HASH_ROUNDS must be a whole number of bcrypt rounds, from 4 to 15; it is "twelve"']);
  });

  it("refuses a port out of range", () => {
    expect(problemsOf({ PORT: "70000" })).toEqual(['PORT must be a whole number, from 1 to 65535; it is "70000"']);
  });

  describe("APP_ROLE", () => {
    const postgres = { DATABASE_URL: "postgres://app@db:5432/inbox" };
    const worker = { ...postgres, APP_ROLE: "worker", PUBLIC_BASE_URL: "https://inbox.example.com", INTERNAL_BASE_URL: "http://web:3000" };

    it("takes web, worker or all", () => {
      expect(parseEnv({ ...postgres, APP_ROLE: "web" }).APP_ROLE).toBe("web");
      expect(parseEnv(worker).APP_ROLE).toBe("worker");
      expect(parseEnv({ APP_ROLE: "all" }).APP_ROLE).toBe("all");
      expect(problemsOf({ ...postgres, APP_ROLE: "both" })).toEqual(["APP_ROLE must be one of all, web, worker"]);
    });

    it("refuses a web or worker process on PGlite, which only one process can open", () => {
      for (const role of ["web", "worker"]) {
        expect(problemsOf({ ...worker, DATABASE_URL: "", APP_ROLE: role })).toEqual([
          `APP_ROLE is "${role}", which needs DATABASE_URL (PostgreSQL): with the built-in PGlite database the app runs as one process, APP_ROLE=all`,
        ]);
      }
    });

    it("asks a worker where the web processes are: for Twilio's callbacks, and in sandbox mode for the sandbox's API", () => {
      expect(problemsOf({ ...worker, PUBLIC_BASE_URL: "", INTERNAL_BASE_URL: "" })).toEqual([
        'APP_ROLE is "worker", which needs PUBLIC_BASE_URL: the address of the web processes, where Twilio posts status callbacks',
        'APP_ROLE is "worker" in sandbox mode, which needs INTERNAL_BASE_URL: the address of a web process, which serves the sandbox\'s Twilio API',
      ]);
      // Live, the worker calls Twilio itself.
      expect(parseEnv({ ...worker, INTERNAL_BASE_URL: "", TWILIO_ACCOUNT_SID: `AC${"a".repeat(32)}`, TWILIO_AUTH_TOKEN: "token" }).APP_ROLE).toBe("worker");
    });
  });
});
