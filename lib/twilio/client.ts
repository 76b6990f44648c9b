import twilio, { type Twilio } from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { env } from "@/env";
import { internalBaseUrl, twilioMode } from "@/lib/config/env";
import { getTwilioCredentials } from "./credentials";

/** Where the SDK's requests go when they must not reach *.twilio.com. */
export function twilioApiBaseUrl(): string | null {
  if (twilioMode() === "sandbox") return `${internalBaseUrl()}/sandbox/twilio`;
  return env().TWILIO_API_BASE_URL ?? null;
}

/**
 * Rewrites `https://api.twilio.com/2010-04-01/…` to `<base>/2010-04-01/…` and
 * `https://messaging.twilio.com/v1/…` to `<base>/messaging/v1/…`: the SDK's documented way
 * to send its requests elsewhere, so everything above it is the real SDK.
 */
export function rewriteTwilioUri(uri: string, baseUrl: string): string {
  const match = /^https:\/\/([a-z0-9-]+)(?:\.[a-z0-9-]+)*\.twilio\.com(\/.*)?$/i.exec(uri);
  if (!match) return uri;
  const [, subdomain = "api", path = "/"] = match;
  return subdomain.toLowerCase() === "api" ? `${baseUrl}${path}` : `${baseUrl}/${subdomain.toLowerCase()}${path}`;
}

export class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    options?: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  request<TData>(opts: RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: rewriteTwilioUri(opts.uri, this.baseUrl) });
  }
}

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;

const globalForTwilio = globalThis as unknown as { __twilioClient?: { key: string; client: Twilio } };

/** The one Twilio client: live, or pointed at the built-in sandbox. Callers cannot tell which. */
export async function getTwilioClient(): Promise<Twilio> {
  const credentials = await getTwilioCredentials();
  const baseUrl = twilioApiBaseUrl();
  const key = `${credentials.accountSid}|${credentials.apiKeySid ?? ""}|${baseUrl ?? ""}`;
  if (globalForTwilio.__twilioClient?.key === key) return globalForTwilio.__twilioClient.client;

  const httpClient = baseUrl
    ? new RedirectingRequestClient(baseUrl, { timeout: env().TWILIO_TIMEOUT_MS, keepAlive: true })
    : new twilio.RequestClient({ timeout: env().TWILIO_TIMEOUT_MS, keepAlive: true });
  const client =
    credentials.apiKeySid && credentials.apiKeySecret
      ? twilio(credentials.apiKeySid, credentials.apiKeySecret, { accountSid: credentials.accountSid, httpClient })
      : twilio(credentials.accountSid, credentials.authToken ?? "", { httpClient });
  globalForTwilio.__twilioClient = { key, client };
  return client;
}
