import { createHmac, timingSafeEqual } from "node:crypto";
import { getAuthSecret } from "@/lib/auth/secret";
import { publicBaseUrl } from "@/lib/config/env";

/** Twilio fetches the pictures within seconds of the send; an hour leaves room for its retries. */
export const MEDIA_URL_TTL_SECONDS = 60 * 60;

function signature(secret: string, attachmentId: string, expires: number): string {
  return createHmac("sha256", secret).update(`media:${attachmentId}:${expires}`).digest("base64url");
}

/**
 * The URL Twilio downloads an outgoing picture from. It must be the public base URL, since
 * Twilio calls it from outside; it needs no session, so it is made unguessable by an HMAC
 * with the app's secret, and stops working after an hour.
 */
export async function signedMediaUrl(attachmentId: string, now = Date.now()): Promise<string> {
  const expires = Math.floor(now / 1000) + MEDIA_URL_TTL_SECONDS;
  const sig = signature(await getAuthSecret(), attachmentId, expires);
  return `${publicBaseUrl()}/api/media/${attachmentId}?expires=${expires}&sig=${sig}`;
}

/** Checks a media URL's signature and expiry in constant time. */
export async function verifyMediaSignature(input: { attachmentId: string; expires: string | null; sig: string | null }, now = Date.now()): Promise<boolean> {
  const { attachmentId, expires, sig } = input;
  if (!expires || !sig || !/^\d{1,12}$/.test(expires)) return false;
  const expiresAt = Number(expires);
  if (expiresAt * 1000 < now) return false;
  const expected = Buffer.from(signature(await getAuthSecret(), attachmentId, expiresAt));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
