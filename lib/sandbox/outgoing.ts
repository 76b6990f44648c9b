import { randomUUID } from "node:crypto";
import twilio from "twilio";
import { internalBaseUrl, publicBaseUrl } from "@/lib/config/env";

/**
 * Where to send a request meant for `url`. The sandbox lives inside the app, so a URL on
 * the app's public address (perhaps a tunnel that is down) is reached on its internal one;
 * the signature still covers `url` itself, which is what the app checks.
 */
export function reachableUrl(url: string): string {
  const publicBase = publicBaseUrl();
  if (url === publicBase || url.startsWith(`${publicBase}/`) || url.startsWith(`${publicBase}?`)) {
    return internalBaseUrl() + url.slice(publicBase.length);
  }
  return url;
}

export interface SignedRequest {
  url: string;
  method: "GET" | "POST";
  params: Record<string, string>;
  authToken: string;
  timeoutMs: number;
}

export type SignedResult =
  | { ok: true; status: number; contentType: string | null; body: string; headers: Headers }
  | { ok: false; status: number | null; reason: string };

const MAX_RESPONSE_CHARS = 64 * 1024;

/**
 * Calls a webhook as Twilio does: form-encoded POST (or the parameters in the query for
 * GET), X-Twilio-Signature over the exact URL called and the posted parameters.
 */
export async function sendSignedRequest(request: SignedRequest): Promise<SignedResult> {
  const query = new URLSearchParams(request.params).toString();
  const url = request.method === "GET" && query ? `${request.url}${request.url.includes("?") ? "&" : "?"}${query}` : request.url;
  const signedParams = request.method === "GET" ? {} : request.params;
  const headers: Record<string, string> = {
    "X-Twilio-Signature": twilio.getExpectedTwilioSignature(request.authToken, url, signedParams),
    "I-Twilio-Idempotency-Token": randomUUID(),
    "User-Agent": "TwilioProxy/1.1",
    Accept: "*/*",
  };
  if (request.method === "POST") headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
  try {
    const response = await fetch(reachableUrl(url), {
      method: request.method,
      headers,
      body: request.method === "POST" ? query : undefined,
      redirect: "follow",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const body = (await response.text()).slice(0, MAX_RESPONSE_CHARS);
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, status: response.status, contentType: response.headers.get("content-type"), body, headers: response.headers };
    }
    return { ok: false, status: response.status, reason: `answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}` };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    const limit = request.timeoutMs >= 1000 ? `${Math.round(request.timeoutMs / 1000)} s` : `${request.timeoutMs} ms`;
    return { ok: false, status: null, reason: timedOut ? `did not answer within ${limit}` : "could not be reached" };
  }
}
