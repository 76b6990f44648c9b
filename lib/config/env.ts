import { env } from "@/env";

/** Where the app listens, as the process sees it. */
export function appPort(): number {
  return env().PORT;
}

/**
 * The URL the world reaches the app at: the base of every webhook URL registered with
 * Twilio and of every signature check (Twilio signs the URL it called, not what the
 * server believes its own URL is).
 */
export function publicBaseUrl(): string {
  return env().PUBLIC_BASE_URL ?? `http://localhost:${appPort()}`;
}

/** How the app reaches itself, for the built-in sandbox. */
export function internalBaseUrl(): string {
  return env().INTERNAL_BASE_URL ?? `http://127.0.0.1:${appPort()}`;
}

export type TwilioMode = "live" | "sandbox";

export function twilioMode(): TwilioMode {
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY_SECRET } = env();
  return TWILIO_ACCOUNT_SID && (TWILIO_AUTH_TOKEN || TWILIO_API_KEY_SECRET) ? "live" : "sandbox";
}

/** How many reverse proxies in front of the app add the client's address to X-Forwarded-For. */
export function trustedProxyHops(): number {
  return env().TRUSTED_PROXY_HOPS;
}
