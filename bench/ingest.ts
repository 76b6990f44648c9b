import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import twilio from "twilio";
import { runLoad, type LoadResult } from "./load";

export const BUSINESS_NUMBER = "+14155550100";
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1f9d8d50000000049454e44ae426082", "hex");

/** Serves a small picture behind Basic auth, as Twilio's media URLs do. */
export async function startMediaServer(): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    if (!req.headers.authorization) return void res.writeHead(401).end();
    res.writeHead(200, { "Content-Type": "image/png", "Content-Length": PNG.length }).end(PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

export interface IngestOptions {
  appUrl: string;
  publicBaseUrl: string;
  accountSid: string;
  authToken: string;
  mediaUrl: string;
  existingCustomers: string[];
  concurrency: number;
  seconds: number;
  /** Another server that should receive the same requests (the floor reference). */
  targetPath?: string;
  /** Stops before `seconds` are up once this returns true. */
  until?: () => boolean;
  /** One in ten webhooks carries a picture (the default); false sends texts only. */
  mms?: boolean;
  /** Notes when each webhook's 200 came back (performance.now()), by its MessageSid. */
  acknowledgedAt?: Map<string, number>;
}

let newCustomerCounter = 0;

/** A realistic inbound webhook body: 80 % existing customers, 20 % new ones, 10 % MMS (unless `mms` is false). */
export function inboundParams(options: IngestOptions, index: number): Record<string, string> {
  const sid = `SM${randomBytes(16).toString("hex")}`;
  const existing = index % 5 !== 0 && options.existingCustomers.length > 0;
  const from = existing
    ? options.existingCustomers[index % options.existingCustomers.length]!
    : `+1628${200 + (process.pid % 700)}${String(newCustomerCounter++ % 10000).padStart(4, "0")}`;
  const params: Record<string, string> = {
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    AccountSid: options.accountSid,
    From: from,
    To: BUSINESS_NUMBER,
    Body: `Hello, this is message ${index}. Where is my order #${1000 + (index % 9000)}?`,
    NumMedia: "0",
    NumSegments: "1",
    FromCountry: "US",
    FromState: "CA",
    FromCity: "SAN FRANCISCO",
    FromZip: "94105",
    ToCountry: "US",
    ToState: "CA",
    ToCity: "SAN FRANCISCO",
    ToZip: "94105",
    SmsStatus: "received",
    ApiVersion: "2010-04-01",
  };
  if (options.mms !== false && index % 10 === 3) {
    params.NumMedia = "1";
    params.MediaUrl0 = `${options.mediaUrl}/media/${sid}`;
    params.MediaContentType0 = "image/png";
  }
  return params;
}

/** A signed webhook, ready to send. */
function signedWebhook(options: IngestOptions, index: number, signedUrl: string): { sid: string; body: string; signature: string } {
  const params = inboundParams(options, index);
  return { sid: params.MessageSid!, body: new URLSearchParams(params).toString(), signature: twilio.getExpectedTwilioSignature(options.authToken, signedUrl, params) };
}

export async function runIngest(options: IngestOptions, accepted: Set<string>): Promise<LoadResult> {
  const path = options.targetPath ?? "/api/twilio/sms";
  const signedUrl = `${options.publicBaseUrl}/api/twilio/sms`;
  // Signed before the clock starts (about a second's work for a 20-second run): the generator
  // shares the CPU with the app and PostgreSQL, and Twilio signs on its own machines.
  const ready: (ReturnType<typeof signedWebhook> | undefined)[] = Array.from({ length: Math.min(60_000, Math.ceil(options.seconds * 1000)) }, (_, index) => signedWebhook(options, index, signedUrl));
  const sids = new Map<number, string>();
  return runLoad({
    concurrency: options.concurrency,
    seconds: options.seconds,
    until: options.until,
    makeRequest: (index) => {
      const webhook = ready[index] ?? signedWebhook(options, index, signedUrl);
      ready[index] = undefined;
      sids.set(index, webhook.sid);
      return {
        url: `${options.appUrl}${path}`,
        init: {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": webhook.signature },
          body: webhook.body,
        },
      };
    },
    onAccepted: (index) => {
      const sid = sids.get(index);
      if (sid) accepted.add(sid);
      if (sid) options.acknowledgedAt?.set(sid, performance.now());
      sids.delete(index);
    },
  });
}
