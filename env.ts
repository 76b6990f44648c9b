import "server-only";
import { z } from "zod";

// The app's configuration: every environment variable it reads (README, Configuration),
// parsed by one schema. Nothing else reads process.env (lint enforces it), so a variable's
// meaning, default and check are in one place. An empty value counts as unset.

type Raw = string | undefined;

function text() {
  return z.string().optional();
}

/** A whole number from `min` to `max`; `fallback` (a number, or undefined for "unset") when there is none. */
function wholeNumber<Fallback extends number | undefined>({ min, max = Number.MAX_SAFE_INTEGER, fallback, unit = "" }: { min: number; max?: number; fallback: Fallback; unit?: string }) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): number | Fallback => {
      if (raw === undefined) return fallback;
      const value = Number(raw.trim());
      if (/^\d+$/.test(raw.trim()) && value >= min && value <= max) return value;
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
      ctx.addIssue({ code: "custom", message: `must be a whole number${unit}, ${range}; it is "${raw}"` });
      return z.NEVER;
    });
}

/** An absolute URL, without the trailing slashes (the app appends paths to it). */
function baseUrl(example: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      if (!URL.canParse(raw)) {
        ctx.addIssue({ code: "custom", message: `must be an absolute URL such as ${example}; it is "${raw}"` });
        return z.NEVER;
      }
      return raw.replace(/\/+$/, "");
    });
}

function sid(prefix: string, what: string) {
  return z
    .string()
    .optional()
    .refine((raw) => raw === undefined || new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(raw), {
      message: `must be ${what}: "${prefix}" followed by 32 hexadecimal characters (see the Twilio console)`,
    });
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const APP_ROLES = ["all", "web", "worker"] as const;
export type AppRole = (typeof APP_ROLES)[number];

const schema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    // Never echoed: it may hold a password.
    .refine((raw) => raw === undefined || (URL.canParse(raw) && /^postgres(ql)?:$/.test(new URL(raw).protocol)), {
      message: "must be a PostgreSQL connection string such as postgres://user:pass@host:5432/db",
    }),
  DATABASE_POOL_SIZE: wholeNumber({ min: 1, max: 1000, fallback: 10, unit: " of connections" }),
  DATA_DIR: text().transform((raw) => raw ?? "./.data"),
  PGLITE_SHARED_BUFFERS_MB: wholeNumber({ min: 1, max: 1024, fallback: 32, unit: " of megabytes" }),
  PORT: wholeNumber({ min: 1, max: 65535, fallback: 3000 }),
  PUBLIC_BASE_URL: baseUrl("https://inbox.example.com"),
  NEXTAUTH_SECRET: text(),
  NEXTAUTH_URL: baseUrl("https://inbox.example.com"),
  ADMIN_EMAIL: text(),
  ADMIN_PASSWORD: text(),
  ADMIN_NAME: text(),
  TWILIO_ACCOUNT_SID: sid("AC", "an Account SID"),
  TWILIO_AUTH_TOKEN: text(),
  TWILIO_API_KEY_SID: sid("SK", "an API key SID"),
  TWILIO_API_KEY_SECRET: text(),
  TWILIO_API_BASE_URL: baseUrl("https://twilio-proxy.example.com"),
  INTERNAL_BASE_URL: baseUrl("http://127.0.0.1:3000"),
  TWILIO_TIMEOUT_MS: wholeNumber({ min: 1, fallback: 15_000, unit: " of milliseconds" }),
  JOB_POLL_MS: wholeNumber({ min: 1, fallback: 1000, unit: " of milliseconds" }),
  JOB_RETENTION_DAYS: wholeNumber({ min: 0, fallback: 7, unit: " of days" }),
  SSE_HEARTBEAT_MS: wholeNumber({ min: 1, fallback: 20_000, unit: " of milliseconds" }),
  SANDBOX_STEP_MS: wholeNumber({ min: 0, fallback: 300, unit: " of milliseconds" }),
  SANDBOX_WEBHOOK_TIMEOUT_MS: wholeNumber({ min: 1, fallback: 15_000, unit: " of milliseconds" }),
  TRUSTED_PROXY_HOPS: wholeNumber({ min: 0, max: 100, fallback: 0 }),
  // Unset: 12 in production, 10 in development, bcrypt's least (4) under test runners.
  PASSWORD_HASH_ROUNDS: wholeNumber({ min: 4, max: 15, fallback: undefined, unit: " of bcrypt rounds" }),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(", ")}` }).optional(),
  APP_ROLE: z.enum(APP_ROLES, { message: `must be one of ${APP_ROLES.join(", ")}` }).default("all"),
  // Set by Node tooling and Next, not by people: not in README's table.
  NODE_ENV: text(),
  NEXT_PHASE: text(),
}).superRefine((config, ctx) => {
  if (config.APP_ROLE === "all") return;
  const problem = (message: string) => ctx.addIssue({ code: "custom", path: ["APP_ROLE"], message });
  // PGlite is a folder one process opens: web and worker processes need a shared PostgreSQL.
  if (!config.DATABASE_URL) problem(`is "${config.APP_ROLE}", which needs DATABASE_URL (PostgreSQL): with the built-in PGlite database the app runs as one process, APP_ROLE=all`);
  if (config.APP_ROLE !== "worker") return;
  // The worker's sends name the web processes as the place Twilio calls back.
  if (!config.PUBLIC_BASE_URL) problem('is "worker", which needs PUBLIC_BASE_URL: the address of the web processes, where Twilio posts status callbacks');
  const live = config.TWILIO_ACCOUNT_SID && (config.TWILIO_AUTH_TOKEN || config.TWILIO_API_KEY_SECRET);
  if (!live && !config.INTERNAL_BASE_URL) problem('is "worker" in sandbox mode, which needs INTERNAL_BASE_URL: the address of a web process, which serves the sandbox\'s Twilio API');
});

export type Env = z.output<typeof schema>;
const NAMES = Object.keys(schema.shape) as (keyof Env)[];

/** A variable with a value the app cannot use; the message names each one and what is wrong. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The configuration is not valid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, Raw>): Env {
  const raw = Object.fromEntries(NAMES.map((name) => [name, source[name] === "" ? undefined : source[name]]));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
}

const cache = globalThis as unknown as { __env?: { key: string; env: Env } };

/**
 * The parsed configuration. Parsed once, and again only when a variable changed (tests
 * change some between cases); throws a ConfigError naming every bad variable.
 */
export function env(): Env {
  const key = NAMES.map((name) => process.env[name] ?? "").join("\u0000");
  if (cache.__env?.key !== key) cache.__env = { key, env: parseEnv(process.env) };
  return cache.__env.env;
}

/** At start: a bad value stops the process with a message that says which and why. */
export function checkEnvOrExit(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`\n${error.message}\nFix these variables (README, Configuration) and start again.\n`);
    process.exit(1);
  }
}

/** next-auth reads NEXTAUTH_URL itself; the public URL is the right default. */
export function defaultNextAuthUrl(url: string): void {
  process.env.NEXTAUTH_URL ??= url;
}
