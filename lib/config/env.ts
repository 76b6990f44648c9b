/** Where the app listens, as the process sees it. */
export function appPort(): number {
  return Number(process.env.PORT || 3000);
}

/**
 * The URL the world reaches the app at: the base of every webhook URL registered with
 * Twilio and of every signature check (Twilio signs the URL it called, not what the
 * server believes its own URL is).
 */
export function publicBaseUrl(): string {
  return (process.env.PUBLIC_BASE_URL || `http://localhost:${appPort()}`).replace(/\/+$/, "");
}

/** How the app reaches itself, for the built-in sandbox. */
export function internalBaseUrl(): string {
  return (process.env.INTERNAL_BASE_URL || `http://127.0.0.1:${appPort()}`).replace(/\/+$/, "");
}

export type TwilioMode = "live" | "sandbox";

export function twilioMode(): TwilioMode {
  return process.env.TWILIO_ACCOUNT_SID && (process.env.TWILIO_AUTH_TOKEN || process.env.TWILIO_API_KEY_SECRET)
    ? "live"
    : "sandbox";
}

/** How many reverse proxies in front of the app add the client's address to X-Forwarded-For. */
export function trustedProxyHops(): number {
  const hops = Number(process.env.TRUSTED_PROXY_HOPS || 0);
  return Number.isInteger(hops) && hops > 0 ? hops : 0;
}
