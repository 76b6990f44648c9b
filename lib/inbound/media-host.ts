import { env } from "@/env";
import { internalBaseUrl, twilioMode } from "@/lib/config/env";

export { MEDIA_HOST_REFUSED } from "./media-host-words";

const TWILIO_MEDIA_ORIGIN = "https://api.twilio.com";

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Where an inbound MediaUrl may point, since the download carries the account's
 * credentials: Twilio's API host, or in sandbox mode the sandbox (this app itself); and
 * the host TWILIO_API_BASE_URL names, when it is set (a proxy or a stand-in for Twilio).
 */
export function twilioMediaOrigins(): string[] {
  const twilio = twilioMode() === "sandbox" ? originOf(internalBaseUrl()) : TWILIO_MEDIA_ORIGIN;
  const standIn = originOf(env().TWILIO_API_BASE_URL);
  return [twilio, standIn].filter((origin): origin is string => !!origin);
}

/** True only for an http(s) URL on one of `origins`, with no user name or password in it. */
export function isTwilioMediaUrl(url: string, origins: readonly string[] = twilioMediaOrigins()): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  return (parsed.protocol === "https:" || parsed.protocol === "http:") && origins.includes(parsed.origin);
}
