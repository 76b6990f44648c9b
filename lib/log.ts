import pino from "pino";
import { env } from "@/env";

const globalForLog = globalThis as unknown as { __logger?: pino.Logger };

/**
 * One JSON object a line. Secrets and message bodies never reach the log: the redact
 * list catches the usual places, and callers log ids, not content.
 */
export const log: pino.Logger =
  globalForLog.__logger ??
  (globalForLog.__logger = pino({
    level: env().LOG_LEVEL ?? (env().NODE_ENV === "test" ? "silent" : "info"),
    base: { pid: process.pid },
    redact: {
      paths: ["password", "passwordHash", "authToken", "secret", "*.password", "*.passwordHash", "*.authToken", "*.secret", "body", "*.body", "Body"],
      censor: "[redacted]",
    },
  }));

export interface LoggedError {
  name?: string;
  /** A driver code ("ECONNREFUSED") or an SQLSTATE ("57P01"). */
  code?: string;
  /** For a failed query: what it did and to which table ("insert into messages"), never its values. */
  operation?: string;
  message?: string;
}

// drizzle's DrizzleQueryError carries the SQL and its parameters (message text, phone
// numbers, emails) in its message; PostgreSQL's own messages may quote a value too
// (`invalid input syntax for type uuid: "…"`), and its errors carry a severity. Neither
// kind of message is ever logged.
function isDatabaseError(error: object): boolean {
  const candidate = error as { query?: unknown; severity?: unknown };
  return typeof candidate.query === "string" || typeof candidate.severity === "string";
}

/** "insert into messages", "update tickets", "select from customers": the verb and the first table. */
export function describeStatement(query: string): string {
  const table = (pattern: RegExp) => pattern.exec(query)?.[1]?.toLowerCase();
  const verb = /^\s*(\w+)/.exec(query)?.[1]?.toLowerCase() ?? "query";
  const target =
    verb === "insert" ? table(/^\s*insert\s+into\s+"?(\w+)/i) : verb === "update" ? table(/^\s*update\s+"?(\w+)/i) : verb === "delete" ? table(/^\s*delete\s+from\s+"?(\w+)/i) : verb === "select" || verb === "with" ? table(/\bfrom\s+"?(\w+)/i) : undefined;
  if (verb === "insert") return `insert into ${target ?? "?"}`;
  if (verb === "delete") return `delete from ${target ?? "?"}`;
  if (verb === "update") return `update ${target ?? "?"}`;
  if (verb === "select" || verb === "with") return target ? `select from ${target}` : "select";
  return verb;
}

/**
 * An error as it may be logged: for anything from the database only its code and which
 * statement failed, for anything else its name and message. Walks the `cause` chain, since
 * drivers wrap the error that says what happened.
 */
export function describeError(error: unknown): LoggedError {
  if (!(error instanceof Error) && (typeof error !== "object" || error === null)) return { message: String(error) };
  const chain: object[] = [];
  for (let current: unknown = error; current && typeof current === "object" && chain.length < 5; current = (current as { cause?: unknown }).cause) chain.push(current);
  const query = chain.map((item) => (item as { query?: unknown }).query).find((value): value is string => typeof value === "string");
  const code = chain.map((item) => (item as { code?: unknown }).code).find((value): value is string => typeof value === "string");
  if (chain.some(isDatabaseError)) {
    return { name: "DatabaseError", ...(code ? { code } : {}), ...(query ? { operation: describeStatement(query) } : {}) };
  }
  const first = error as { name?: unknown; message?: unknown };
  return {
    name: typeof first.name === "string" ? first.name : "Error",
    ...(code ? { code } : {}),
    message: typeof first.message === "string" ? first.message : String(error),
  };
}

/** The same, as one line of text (a job's last error): the message, or the database error's code and statement. */
export function errorText(error: unknown): string {
  const described = describeError(error);
  if (described.message !== undefined) return described.message;
  return `database error${described.code ? ` ${described.code}` : ""}${described.operation ? ` (${described.operation})` : ""}`;
}
