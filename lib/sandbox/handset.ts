import type { Database } from "@/db/client";
import { getDb } from "@/db";
import { getSandboxNumberByPhone } from "@/db/queries/sandbox-numbers";
import { insertSandboxMedia } from "@/db/queries/sandbox-media";
import { insertSandboxMessage, type SandboxMessage } from "@/db/queries/sandbox-messages";
import { AppError } from "@/lib/errors";
import { MAX_MEDIA_BYTES_TOTAL, MAX_MEDIA_COUNT, sniffContentType } from "@/lib/media/sniff";
import { formatPhoneNumber, normalizePhoneNumber } from "@/lib/phone/normalize";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { ABSOLUTE_MAX_LENGTH, measureSms } from "@/lib/sms/segments";
import { applyCarrierKeyword } from "./keywords";
import { runJobsSoon } from "./schedule";
import { newSid } from "./sids";
import { readHandsetSender, tooLargeMessage } from "./simulator-validation";
import { enqueueDelivery } from "./webhooks";

export interface HandsetFile {
  contentType: string;
  fileName: string | null;
  data: Buffer;
}

export interface HandsetText {
  from: string;
  to: string;
  body: string;
  media: HandsetFile[];
}

function bad(message: string): AppError {
  return new AppError("bad_request", message);
}

function checkFiles(media: HandsetFile[], mmsCapable: boolean, business: string): void {
  if (media.length === 0) return;
  if (!mmsCapable) throw bad(`${formatPhoneNumber(business)} cannot receive MMS (pictures or files). Send text only.`);
  if (media.length > MAX_MEDIA_COUNT) throw bad(`A message can carry at most ${MAX_MEDIA_COUNT} files.`);
  const total = media.reduce((sum, file) => sum + file.data.byteLength, 0);
  if (total > MAX_MEDIA_BYTES_TOTAL) throw bad(tooLargeMessage(total));
}

async function contentTypeOf(file: HandsetFile): Promise<string> {
  const stated = file.contentType.split(";")[0]?.trim().toLowerCase();
  return stated && stated !== "application/octet-stream" ? stated : ((await sniffContentType(file.data)) ?? "application/octet-stream");
}

/**
 * A customer's phone texts a business number: the carrier applies STOP/START, the message
 * is stored as Twilio stores inbound ones, and a durable job delivers it to the number's
 * SmsUrl. Refusals are AppErrors worded for the person using the simulator.
 *
 * The phone may also be a short code or a sender ID, to try the senders of one-time
 * passcodes, and may send an empty text, as some phones do: the app must cope with both.
 */
export async function sendFromHandset(text: HandsetText, db?: Database): Promise<SandboxMessage> {
  const database = db ?? (await getDb());
  const from = readHandsetSender(text.from);
  if (!from.ok) throw new AppError("bad_request", from.message, { from: from.message });
  const handset = from.sender;
  const toNumber = normalizePhoneNumber(text.to);
  const business = toNumber.ok ? await getSandboxNumberByPhone({ db: database, phoneNumber: toNumber.e164 }) : null;
  if (!business) throw bad("That business number is not in the sandbox. Buy one under Settings → Phone numbers.");
  if (!business.sms) throw bad(`${formatPhoneNumber(business.phoneNumber)} is a voice-only number: it cannot receive text messages.`);
  if (handset === business.phoneNumber) throw bad("A number cannot text itself.");
  if ([...text.body].length > ABSOLUTE_MAX_LENGTH) throw bad(`A text can be at most ${ABSOLUTE_MAX_LENGTH} characters.`);
  checkFiles(text.media, business.mms, business.phoneNumber);

  const contentTypes = await Promise.all(text.media.map(contentTypeOf));
  const message = await database.transaction(async (tx) => {
    const row = await insertSandboxMessage({
      db: tx,
      message: {
        sid: newSid(text.media.length > 0 ? "MM" : "SM"),
        accountSid: business.accountSid,
        direction: "inbound",
        from: handset,
        to: business.phoneNumber,
        body: text.body,
        // "receiving" until the app has the webhook, then "received".
        status: "receiving",
        numMedia: text.media.length,
        numSegments: Math.max(1, measureSms(text.body).segments),
      },
    });
    await insertSandboxMedia({
      db: tx,
      media: text.media.map((file, index) => ({
        sid: newSid("ME"),
        // Distinct times keep the files in the order they were attached.
        dateCreated: new Date(row.dateCreated.getTime() + index),
        messageSid: row.sid,
        accountSid: row.accountSid,
        contentType: contentTypes[index] ?? "application/octet-stream",
        fileName: file.fileName,
        data: file.data,
      })),
    });
    const autoReply = await applyCarrierKeyword({ db: tx, businessNumber: business.phoneNumber, handsetNumber: handset, body: text.body });
    if (autoReply) {
      await insertSandboxMessage({
        db: tx,
        message: {
          sid: newSid("SM"),
          accountSid: row.accountSid,
          direction: "outbound-reply",
          from: business.phoneNumber,
          to: handset,
          body: autoReply,
          status: "delivered",
          dateSent: new Date(),
          // Just after the keyword, so phones and lists show it second.
          dateCreated: new Date(row.dateCreated.getTime() + 1),
          numSegments: Math.max(1, measureSms(autoReply).segments),
        },
      });
    }
    await enqueueDelivery({ db: tx, sid: row.sid, stage: "primary" });
    await publishInboxEvent({ db: tx, event: { type: "sandbox.updated", handset } });
    return row;
  });
  runJobsSoon();
  return message;
}
