import { z } from "zod";
import { normalizePhoneNumber, type CountryCode } from "@/lib/phone/normalize";
import { text } from "@/lib/validation/text";

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

export const handsetTextSchema = z.object({
  from: text().trim().min(1, { message: "Type the customer's phone number." }).max(40),
  to: e164,
  body: text().max(5000).default(""),
});
