import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { describeTwilioError } from "./error-codes";

/** What the SDK throws when Twilio answers with an error (RestException), read without trusting its class. */
export type TwilioRestError = { status: number; code: number | null; message: string };

export function asTwilioRestError(error: unknown): TwilioRestError | null {
  if (!(error instanceof Error)) return null;
  const candidate = error as Error & { status?: unknown; code?: unknown; moreInfo?: unknown };
  if (typeof candidate.status !== "number" || !("moreInfo" in candidate || candidate.constructor.name === "RestException")) return null;
  const code = typeof candidate.code === "number" ? candidate.code : Number(candidate.code) || null;
  return { status: candidate.status, code, message: candidate.message };
}

/** Twilio has no such resource: a number released in the console, a wrong SID. */
export function isTwilioNotFound(error: unknown): boolean {
  const rest = asTwilioRestError(error);
  return !!rest && (rest.status === 404 || rest.code === 20404);
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ERR_NETWORK"]);

export function isTwilioUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && NETWORK_CODES.has(code);
}

/**
 * A Twilio failure as an AppError for people: what was being done, then why, in plain
 * words. `known` holds explanations that only make sense in the caller's context
 * (21422 means "someone else just bought it" only when buying). Anything that is neither a
 * Twilio answer nor a network failure is a bug and is rethrown.
 */
export function twilioFailure(error: unknown, doing: string, known: Readonly<Record<number, string>> = {}): AppError {
  const rest = asTwilioRestError(error);
  if (rest) {
    log.warn({ status: rest.status, code: rest.code, doing }, "twilio refused a request");
    const described = rest.code !== null ? (known[rest.code] ?? describeTwilioError(rest.code)) : null;
    // describeTwilioError falls back to "Twilio error N." for codes it does not know;
    // Twilio's own sentence says more than a bare number.
    const reason =
      described && !/^Twilio error /.test(described)
        ? described
        : `Twilio said: “${rest.message.trim() || "no explanation"}”${rest.code !== null ? ` (error ${rest.code})` : ""}.`;
    return new AppError(rest.status === 404 ? "not_found" : "carrier_error", `${doing}: ${reason}`);
  }
  if (isTwilioUnreachable(error)) {
    log.warn({ err: String(error), doing }, "twilio unreachable");
    return new AppError("unavailable", `${doing}: Twilio could not be reached. Try again in a moment.`);
  }
  throw error;
}
