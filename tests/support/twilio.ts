import { randomBytes } from "node:crypto";
import twilio from "twilio";
import { countryOfNumber } from "@/lib/phone/normalize";
import { getTwilioCredentials } from "@/lib/twilio/credentials";

export const PUBLIC_BASE = "https://inbox.example.test";

export function messageSid(): string {
  return `SM${randomBytes(16).toString("hex")}`;
}

/** A webhook request as Twilio sends it: form-encoded and signed over the public URL. */
export async function signedTwilioRequest(path: string, params: Record<string, string>, options: { signatureFor?: Record<string, string>; url?: string; headers?: Record<string, string> } = {}): Promise<Request> {
  const { authToken } = await getTwilioCredentials();
  const url = options.url ?? `${PUBLIC_BASE}${path}`;
  const signature = twilio.getExpectedTwilioSignature(authToken ?? "", url, options.signatureFor ?? params);
  // The app may see another host than Twilio called (a proxy in front of it).
  return new Request(`http://10.0.0.7:3000${path}${url.includes("?") ? url.slice(url.indexOf("?")) : ""}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature, ...options.headers },
    body: new URLSearchParams(params).toString(),
  });
}

/** The full parameter set of an inbound SMS webhook. */
export async function inboundParams(overrides: Partial<Record<string, string>> & { From: string; To: string }): Promise<Record<string, string>> {
  const { accountSid } = await getTwilioCredentials();
  const sid = overrides.MessageSid ?? messageSid();
  const params: Record<string, string> = {
    ToCountry: "US",
    ToState: "CA",
    SmsMessageSid: sid,
    NumMedia: "0",
    ToCity: "SAN FRANCISCO",
    FromZip: "94105",
    SmsSid: sid,
    FromState: "CA",
    SmsStatus: "received",
    FromCity: "SAN FRANCISCO",
    Body: "Hello, where is my order?",
    // Twilio names the sender's country; the number's own, unless a test says otherwise.
    FromCountry: countryOfNumber(overrides.From) ?? "",
    ToZip: "94105",
    NumSegments: "1",
    MessageSid: sid,
    AccountSid: accountSid,
    ApiVersion: "2010-04-01",
  };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) params[key] = value;
  return params;
}
