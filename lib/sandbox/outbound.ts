import { getCountryCallingCode } from "libphonenumber-js/max";
import type { Database } from "@/db/client";
import { isSandboxOptedOut } from "@/db/queries/sandbox-opt-outs";
import { getSandboxService, listSandboxServiceNumbers } from "@/db/queries/sandbox-messaging";
import { getSandboxNumberByPhone, type SandboxPhoneNumber } from "@/db/queries/sandbox-numbers";
import { insertSandboxMessage, listSandboxConversation, type SandboxMessage } from "@/db/queries/sandbox-messages";
import { DEFAULT_ALLOWED_COUNTRIES } from "@/lib/phone/countries";
import { countryOfNumber, normalizePhoneNumber, numberType } from "@/lib/phone/normalize";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { ABSOLUTE_MAX_LENGTH, measureSms } from "@/lib/sms/segments";
import { MAX_MEDIA_COUNT } from "@/lib/media/sniff";
import { SandboxError } from "./errors";
import { enqueueStatusCallback } from "./callbacks";
import { enqueueAdvance } from "./lifecycle";
import { runJobsSoon, stepDelayMs } from "./schedule";
import { newSid } from "./sids";

export interface OutboundRequest {
  accountSid: string;
  to?: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  mediaUrls: string[];
  statusCallback?: string;
  direction: "outbound-api" | "outbound-reply";
}


function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value);
}

function checkContent(request: OutboundRequest): void {
  if (request.body === "" && request.mediaUrls.length === 0) throw new SandboxError(400, 21602, "Message body is required.");
  if ([...request.body].length > ABSOLUTE_MAX_LENGTH) {
    throw new SandboxError(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
  }
  if (request.mediaUrls.length > MAX_MEDIA_COUNT) throw new SandboxError(400, 21623, "The number of media files exceeds the limit of 10.");
  if (request.mediaUrls.some((url) => !isHttpUrl(url))) throw new SandboxError(400, 21620, "Invalid media URL(s).");
}

function checkDestination(to: string | undefined): string {
  if (!to) throw new SandboxError(400, 21604, "A 'To' phone number is required.");
  const normalized = normalizePhoneNumber(to);
  if (!normalized.ok) throw new SandboxError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
  const country = normalized.country;
  if (!country || !(DEFAULT_ALLOWED_COUNTRIES as readonly string[]).includes(country)) {
    throw new SandboxError(400, 21408, `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${normalized.e164}`);
  }
  // North American numbers never say whether they are mobiles; elsewhere a landline is known.
  if (getCountryCallingCode(country) !== "1" && numberType(normalized.e164) === "local") {
    throw new SandboxError(400, 21614, `'To' number ${normalized.e164} is not a valid mobile number`);
  }
  return normalized.e164;
}

async function chooseSender(db: Database, request: OutboundRequest, to: string): Promise<SandboxPhoneNumber> {
  const wantsMms = request.mediaUrls.length > 0;
  if (request.from) {
    const from = normalizePhoneNumber(request.from);
    const number = from.ok ? await getSandboxNumberByPhone({ db, phoneNumber: from.e164 }) : null;
    if (!number || number.accountSid !== request.accountSid || !number.sms || (wantsMms && !number.mms)) {
      const kind = wantsMms ? "MMS-capable" : "SMS-capable";
      throw new SandboxError(400, 21606, `The From phone number ${request.from} is not a valid, ${kind} inbound phone number or short code for your account.`);
    }
    return number;
  }
  if (!request.messagingServiceSid) throw new SandboxError(400, 21603, "A 'From' phone number is required.");
  if (!/^MG[0-9a-fA-F]{32}$/.test(request.messagingServiceSid)) {
    throw new SandboxError(400, 21701, `The Messaging Service Sid ${request.messagingServiceSid} is invalid.`);
  }
  const service = await getSandboxService({ db, accountSid: request.accountSid, sid: request.messagingServiceSid });
  if (!service) throw new SandboxError(400, 21701, `The Messaging Service Sid ${request.messagingServiceSid} is invalid.`);
  // A Messaging Service keeps a customer on the number they last talked to ("sticky sender").
  const pool = (await listSandboxServiceNumbers({ db, serviceSid: service.sid })).filter((n) => n.sms && (!wantsMms || n.mms));
  for (const number of pool) {
    if ((await listSandboxConversation({ db, handset: to, business: number.phoneNumber, limit: 1 })).length > 0) return number;
  }
  const sameCountry = pool.find((number) => number.isoCountry === countryOfNumber(to));
  const sender = sameCountry ?? pool[0];
  if (!sender) throw new SandboxError(400, 21704, "The Messaging Service contains no phone numbers able to send this message.");
  return sender;
}

/**
 * Accepts a message to send with Twilio's checks and codes, stores it queued, and starts
 * its life (queued → sending → sent → delivered) as durable jobs.
 */
export async function queueOutboundMessage({ db, request }: { db: Database; request: OutboundRequest }): Promise<SandboxMessage> {
  const to = checkDestination(request.to);
  if (!request.from && !request.messagingServiceSid) throw new SandboxError(400, 21603, "A 'From' phone number is required.");
  checkContent(request);
  const sender = await chooseSender(db, request, to);
  if (sender.phoneNumber === to) throw new SandboxError(400, 21266, "'To' and 'From' number cannot be the same.");
  if (await isSandboxOptedOut({ db, businessNumber: sender.phoneNumber, handsetNumber: to })) {
    throw new SandboxError(400, 21610, "Attempt to send to unsubscribed recipient");
  }
  const hasMedia = request.mediaUrls.length > 0;
  const message = await db.transaction(async (tx) => {
    const row = await insertSandboxMessage({
      db: tx,
      message: {
        sid: newSid(hasMedia ? "MM" : "SM"),
        accountSid: request.accountSid,
        direction: request.direction,
        from: sender.phoneNumber,
        to,
        body: request.body,
        status: "queued",
        numMedia: request.mediaUrls.length,
        numSegments: Math.max(1, measureSms(request.body).segments),
        statusCallback: request.statusCallback || null,
        messagingServiceSid: request.messagingServiceSid ?? null,
      },
    });
    // Twilio reports "queued" too, before sending → sent → delivered.
    await enqueueStatusCallback({ db: tx, message: row });
    await enqueueAdvance({ db: tx, sid: row.sid, step: "sending", mediaUrls: request.mediaUrls });
    await publishInboxEvent({ db: tx, event: { type: "sandbox.updated", handset: to } });
    return row;
  });
  runJobsSoon(stepDelayMs());
  return message;
}
