import twilio from "twilio";
import { publicBaseUrl } from "@/lib/config/env";
import { readRequestBody } from "@/lib/http/body";
import { log } from "@/lib/log";
import { getTwilioCredentials } from "./credentials";

/** The largest webhook body read; Twilio's are a few kilobytes. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

export type WebhookCheck = { ok: true; params: Record<string, string> } | { ok: false; response: Response };

function refuse(status: number, message: string): { ok: false; response: Response } {
  return { ok: false, response: new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } }) };
}

/**
 * The URL Twilio signed: the public base URL, the route's path, and the query string
 * exactly as sent. Never `req.url`, whose host can differ from the one Twilio called.
 */
export function signedUrlFor(request: Request, path: string): string {
  const raw = request.url;
  const queryStart = raw.indexOf("?");
  return `${publicBaseUrl()}${path}${queryStart >= 0 ? raw.slice(queryStart) : ""}`;
}

export function parseFormBody(body: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) params[key] = value;
  return params;
}

/**
 * Checks X-Twilio-Signature before anything is parsed or stored. Fails closed: no auth
 * token configured → 503, missing or wrong signature → 403, whatever the content type.
 * There is no bypass.
 */
export async function verifyTwilioWebhook(request: Request, path: string): Promise<WebhookCheck> {
  const { authToken } = await getTwilioCredentials();
  if (!authToken) {
    log.error({ path }, "webhook refused: TWILIO_AUTH_TOKEN is not set, so signatures cannot be checked");
    return refuse(503, "Webhook signature cannot be checked: no auth token is configured.");
  }
  const signature = request.headers.get("x-twilio-signature");
  if (!signature) return refuse(403, "Missing X-Twilio-Signature.");

  // The body must be read to check the signature; its size is the one thing checked first.
  const declaredLength = Number(request.headers.get("content-length") ?? 0);
  if (declaredLength > MAX_WEBHOOK_BODY_BYTES) return refuse(413, "Request body too large.");
  const body = await readRequestBody(request, (r) => r.text());
  if (Buffer.byteLength(body) > MAX_WEBHOOK_BODY_BYTES) return refuse(413, "Request body too large.");

  // Twilio signs the posted parameters of a form, and only the URL of any other body.
  const isForm = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
  const params = isForm ? parseFormBody(body) : {};
  const url = signedUrlFor(request, path);
  if (!twilio.validateRequest(authToken, signature, url, params)) {
    log.warn({ path }, "webhook refused: bad signature");
    return refuse(403, "Invalid X-Twilio-Signature.");
  }
  if (!isForm) return refuse(415, "Twilio webhooks are form-encoded (application/x-www-form-urlencoded).");
  return { ok: true, params };
}

/**
 * The `I-Twilio-Idempotency-Token` header: the same on every retry of one webhook, so the
 * log can tell a retry from a new event. Only for logging; the MessageSid decides what is
 * stored. Anything that does not look like a token is left out.
 */
export function twilioIdempotencyToken(request: Request): string | undefined {
  const token = request.headers.get("i-twilio-idempotency-token")?.trim();
  return token && /^[\w.:-]{1,128}$/.test(token) ? token : undefined;
}
