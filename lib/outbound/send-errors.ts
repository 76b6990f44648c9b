import { describeTwilioError, isPermanentTwilioError } from "@/lib/twilio/error-codes";

/**
 * What to do after a failed attempt to hand a message to Twilio:
 * - `retry`: Twilio certainly did not take it (refused connection, 429): try again later.
 * - `check`: Twilio got the request and may have created the message before it failed (a
 *   5xx, a connection dropped before the answer): ask Twilio whether it exists before
 *   sending again.
 * - `failed`: Twilio refused it for good (21610, 21211…): tell the agent why, at once.
 * - `unknown`: the request may still be at work in Twilio (a timeout). Sending again could
 *   text the customer twice, so the agent checks and retries by hand.
 */
export type SendFailure =
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  | { kind: "check"; reason: string }
  | { kind: "failed"; code: number | null; message: string }
  | { kind: "unknown"; message: string };

// Errors raised before a single byte reached Twilio: nothing was sent.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "EADDRNOTAVAIL", "CERT_HAS_EXPIRED"]);
// The connection broke under the request: Twilio may have created the message, or not.
const DROPPED = new Set(["ECONNRESET", "EPIPE"]);
const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

export const UNKNOWN_OUTCOME_MESSAGE =
  "Twilio did not answer in time, so this message may or may not have gone out. Check with the customer before you retry.";

/** When Twilio failed under the request and then could not say whether it has the message. */
export function uncheckedOutcomeMessage(reason: string): string {
  return `${reason}, and whether it took this message could not be checked, so it may or may not have gone out. Check with the customer before you retry.`;
}

interface RestLike {
  status: number;
  code?: number | string;
  message?: string;
}

function isRestException(error: unknown): error is RestLike {
  return typeof error === "object" && error !== null && typeof (error as { status?: unknown }).status === "number";
}

function networkCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date), capped. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

function isKnownCode(code: number): boolean {
  return describeTwilioError(code) !== `Twilio error ${code}.`;
}

function classifyRest(error: RestLike, retryAfter: string | null | undefined): SendFailure {
  const code = error.code === undefined || error.code === null ? null : Number(error.code);
  const numericCode = code !== null && Number.isFinite(code) ? code : null;
  if (error.status === 429) {
    return { kind: "retry", reason: "Twilio asked to slow down (429)", retryAfterMs: parseRetryAfter(retryAfter) };
  }
  if (error.status >= 500) return { kind: "check", reason: `Twilio answered ${error.status}` };
  // A 4xx is Twilio refusing this very request; the same request would be refused again,
  // except for the few codes Twilio documents as temporary (a full queue, rate limits).
  const known = numericCode !== null && isKnownCode(numericCode);
  if (known && !isPermanentTwilioError(numericCode)) return { kind: "retry", reason: `Twilio error ${numericCode}` };
  const message = known
    ? (describeTwilioError(numericCode) as string)
    : `Twilio refused the message${error.message ? `: ${error.message.replace(/\.$/, "")}` : ""}${numericCode !== null ? ` (error ${numericCode})` : ""}.`;
  return { kind: "failed", code: numericCode, message };
}

export function classifySendError(error: unknown, retryAfter?: string | null): SendFailure {
  if (isRestException(error)) return classifyRest(error, retryAfter);
  const code = networkCode(error);
  if (code && NOT_SENT.has(code)) return { kind: "retry", reason: `Twilio could not be reached (${code})` };
  if (code && DROPPED.has(code)) return { kind: "check", reason: `The connection to Twilio broke (${code})` };
  return { kind: "unknown", message: UNKNOWN_OUTCOME_MESSAGE };
}
