import pino from "pino";

const globalForLog = globalThis as unknown as { __logger?: pino.Logger };

/**
 * One JSON object a line. Secrets and message bodies never reach the log: the redact
 * list catches the usual places, and callers log ids, not content.
 */
export const log: pino.Logger =
  globalForLog.__logger ??
  (globalForLog.__logger = pino({
    level: process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "silent" : "info"),
    base: { pid: process.pid },
    redact: {
      paths: ["password", "passwordHash", "authToken", "secret", "*.password", "*.passwordHash", "*.authToken", "*.secret", "body", "*.body", "Body"],
      censor: "[redacted]",
    },
  }));
