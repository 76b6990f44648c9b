import { describeTwilioError } from "@/lib/twilio/error-codes";

// What to do about the failures that repeat, beside Twilio's words for each code.
const FIXES: Readonly<Record<number, string>> = {
  21408: "Enable sending to this country in the Twilio console (Messaging → Settings → Geo permissions), and allow it under Settings → Integrations → SMS → Countries.",
  21610: "Nothing to send: the customer opted out. They can text START to opt back in.",
  21614: "Ask the customer for a mobile number.",
  30003: "The phone was off or out of coverage. Retry later.",
  30004: "The customer or their carrier blocks texts from this number; ask them to unblock it.",
  30005: "Check the number with the customer; it may have been disconnected.",
  30006: "Ask the customer for a mobile number: landlines cannot receive SMS.",
  30007: "Register the number for business texting (A2P 10DLC or toll-free verification) and avoid link shorteners and spam-like wording.",
  30008: "Retry; if it keeps failing, ask Twilio support with the message SID.",
  30032: "Verify the toll-free number in the Twilio console (Messaging → Regulatory compliance → Toll-free verification).",
  30034: "Register the number for A2P 10DLC in the Twilio console (Messaging → Regulatory compliance), then send again.",
};

/** Twilio's error code in words and what to do about it, for the delivery report. */
export function explainFailure(code: number | null): { code: string; meaning: string; fix: string } {
  if (code === null) return { code: "none", meaning: "The carrier gave no error code.", fix: "Retry; if it keeps failing, ask Twilio support with the message SID." };
  return {
    code: String(code),
    meaning: describeTwilioError(code) ?? `Twilio error ${code}.`,
    fix: FIXES[code] ?? `Look the code up at https://www.twilio.com/docs/api/errors/${code}.`,
  };
}
