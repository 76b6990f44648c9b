import { normalizePhoneNumber } from "@/lib/phone/normalize";
import { FAILING_NUMBERS } from "@/lib/sandbox/carrier";

/** A 1×1 PNG, the smallest real picture. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

export const TINY_PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

let counter = 0;

/** A fresh, valid customer number per call; its last four digits never simulate a failure. */
export function uniqueHandset(prefix = "+1206"): string {
  // A prefix with no valid seven-digit completions fails here instead of looping for ever.
  for (let tries = 0; tries < 1000; tries++) {
    counter += 1;
    const digits = String(Date.now() * 37 + counter * 7919).slice(-7);
    const candidate = `${prefix}${digits}`;
    const parsed = normalizePhoneNumber(candidate);
    if (parsed.ok && !(candidate.slice(-4) in FAILING_NUMBERS)) return parsed.e164;
  }
  throw new Error(`uniqueHandset: ${prefix} followed by seven digits is never a valid number`);
}
