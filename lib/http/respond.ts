import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { describeError, log } from "@/lib/log";

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json({ error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } }, { status: error.status });
  }
  if (isDatabaseUnavailable(error)) {
    log.error({ err: describeError(error) }, "database unavailable");
    return NextResponse.json(
      { error: { code: "unavailable", message: "The database is not answering. Try again in a moment." } },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
  log.error({ err: describeError(error) }, "unhandled error");
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side. Try again." } }, { status: 500 });
}

/** Wraps a route handler so AppErrors become their status and nothing leaks internals. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const UNAVAILABLE_CODES = new Set(["DATABASE_DEADLINE", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "57P01", "57P03", "08006", "08001"]);

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
