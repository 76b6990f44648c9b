import { z } from "zod";
import { MAX_MEDIA_BYTES_TOTAL, MAX_MEDIA_COUNT } from "@/lib/media/sniff";
import { normalizePhoneNumber, type CountryCode } from "@/lib/phone/normalize";
import { text } from "@/lib/validation/text";
import { SANDBOX_REGISTRATIONS } from "./registration-states";

const e164 = text().trim().regex(/^\+[1-9]\d{6,14}$/, { message: "Use a number in international format, like +14155550100." });

// Carriers' short codes, and the sender names ("AMAZON") businesses text from: Twilio
// allows up to 11 letters, digits and spaces, with at least one letter.
const SHORT_CODE = /^\d{3,8}$/;
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

/** Who a simulated phone texts as: a phone number, or a sender the inbox refuses (to try one-time-passcode senders). */
export type HandsetSender =
  | { ok: true; kind: "phone"; sender: string; country: CountryCode | undefined }
  | { ok: true; kind: "short-code" | "alphanumeric"; sender: string }
  | { ok: false; message: string };

/** Reads what was typed as the customer's "number": a phone number first, else a short code or a sender ID. */
export function readHandsetSender(input: string, defaultCountry?: CountryCode): HandsetSender {
  const typed = typeof input === "string" ? input.trim().replace(/\s+/g, " ") : "";
  // A name with letters is a sender ID, even if a phone keypad could spell digits with it.
  if (/[A-Za-z]/.test(typed) && ALPHANUMERIC_SENDER.test(typed)) return { ok: true, kind: "alphanumeric", sender: typed };
  const phone = normalizePhoneNumber(typed, defaultCountry);
  if (phone.ok) return { ok: true, kind: "phone", sender: phone.e164, country: phone.country };
  const digits = typed.replace(/[\s-]/g, "");
  if (SHORT_CODE.test(digits)) return { ok: true, kind: "short-code", sender: digits };
  return phone;
}

const handsetSender = text()
  .trim()
  .max(40)
  .refine((value) => {
    const read = readHandsetSender(value);
    return read.ok && read.sender === value;
  }, "Use a number in international format, like +14155550100, a short code or a sender ID.");

export const simulatorQuerySchema = z.object({
  handset: handsetSender.optional().catch(undefined),
  business: e164.optional().catch(undefined),
});

export const reachableSchema = z.object({ handset: handsetSender, reachable: z.boolean() });

export const registrationSchema = z.object({ business: e164, registration: z.enum(SANDBOX_REGISTRATIONS) });

export const handsetTextSchema = z.object({
  from: text().trim().min(1, { message: "Type the customer's phone number." }).max(40),
  to: e164,
  body: text().max(5000).default(""),
});

const MEGABYTE = 1024 * 1024;

/** "18.2 MB", as the limit itself ("5 MB") is counted. */
export function formatMegabytes(bytes: number): string {
  return `${(Math.round((bytes / MEGABYTE) * 10) / 10).toFixed(1)} MB`;
}

/** Refuses files together over what one MMS carries, as a phone would before sending. */
export function filesProblem(files: ReadonlyArray<{ size: number }>): string | null {
  if (files.length > MAX_MEDIA_COUNT) return `A message can carry at most ${MAX_MEDIA_COUNT} files (${files.length} chosen). Remove some.`;
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > MAX_MEDIA_BYTES_TOTAL) return tooLargeMessage(total);
  return null;
}

export function tooLargeMessage(bytes: number): string {
  return `Files are over 5 MB in all (${formatMegabytes(bytes)}). An MMS carries at most 5 MB: remove some files or pick smaller ones.`;
}

/**
 * The most a simulator POST may weigh: 5 MB of files, the text, and the form's framing.
 * Anything larger is refused from its Content-Length, before the body is read.
 */
export const MAX_HANDSET_REQUEST_BYTES = MAX_MEDIA_BYTES_TOTAL + MEGABYTE;

export const carrierRulesSchema = z.object({ on: z.boolean() });
