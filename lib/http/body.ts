import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/** Node's error when a client hangs up while sending its body: "aborted", code ECONNRESET. */
function isAbortedBody(error: unknown): boolean {
  const { code, message, name } = (error ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  return code === "ECONNRESET" || code === "ECONNABORTED" || message === "aborted" || name === "AbortError";
}

/**
 * Reads a request's body with `read`. A body the client stopped sending is logged as
 * that (not as a database or server fault) and answered 400; other failures pass through.
 */
export async function readRequestBody<T>(request: Request, read: (request: Request) => Promise<T>): Promise<T> {
  try {
    return await read(request);
  } catch (error) {
    if (!request.signal.aborted && !isAbortedBody(error)) throw error;
    log.info({ event: "request_aborted", path: new URL(request.url).pathname }, "request body aborted by the client");
    throw new AppError("bad_request", "The request body stopped before it was complete. Send it again.");
  }
}
