type TwilioErrorInfo = { message: string; permanent: boolean };

// Shown to agents next to a failed message, so each says what happened to the text and,
// where it helps, what to do. `permanent` means sending the same message again to the
// same number will fail the same way, so no retry is scheduled.
const TWILIO_ERRORS: Readonly<Record<number, TwilioErrorInfo>> = {
  20003: { message: "Twilio refused the account credentials. Check the Account SID and Auth Token.", permanent: true },
  20404: { message: "Twilio could not find this message or number.", permanent: true },
  20429: { message: "Too many requests to Twilio at once. The message will be tried again.", permanent: false },
  21211: { message: "This is not a valid phone number.", permanent: true },
  21212: { message: "The business number sending this message is not valid.", permanent: true },
  21266: { message: "A number cannot send a message to itself.", permanent: true },
  21408: { message: "Sending to this country is not enabled.", permanent: true },
  21602: { message: "The message is empty.", permanent: true },
  21606: { message: "This business number cannot send SMS from this account.", permanent: true },
  21610: {
    message: "The customer has unsubscribed (replied STOP). You can write again after they reply START.",
    permanent: true,
  },
  21611: { message: "This business number has too many messages waiting to go out. Try again shortly.", permanent: false },
  21612: { message: "Twilio cannot deliver SMS between this business number and this customer.", permanent: true },
  21614: { message: "This number cannot receive SMS (it is not a mobile number).", permanent: true },
  21617: { message: "The message is too long (over 1600 characters).", permanent: true },
  21619: { message: "The message needs text or a picture.", permanent: true },
  21620: { message: "A picture could not be fetched, or its file type is not supported.", permanent: true },
  21621: { message: "This business number cannot send MMS (pictures).", permanent: true },
  21623: { message: "Too many pictures in one message (the limit is 10).", permanent: true },
  30001: { message: "Too many messages were waiting to be sent, so this one was dropped. Try again.", permanent: false },
  30002: { message: "The Twilio account is suspended, so messages cannot be sent.", permanent: true },
  30003: { message: "The phone is switched off or unreachable.", permanent: false },
  30004: { message: "The message was blocked, by the customer or their carrier.", permanent: true },
  30005: { message: "Unknown number: it does not exist or is no longer in service.", permanent: true },
  30006: { message: "Landline or unreachable carrier: this number cannot receive SMS.", permanent: true },
  30007: { message: "Blocked by the carrier as spam.", permanent: true },
  30008: { message: "Unknown carrier error.", permanent: false },
  30009: { message: "Part of a long message never arrived.", permanent: false },
  30010: { message: "The message costs more than the maximum price set for it.", permanent: true },
  30011: { message: "The customer's carrier does not accept MMS (pictures) from this number.", permanent: true },
  30019: { message: "The pictures are too large for the customer's carrier.", permanent: true },
  30032: { message: "This toll-free number is not verified yet, so carriers block its messages.", permanent: true },
  30034: { message: "This number is not registered for business texting (A2P 10DLC), so carriers block it.", permanent: true },
};

function toCode(code: number | string | null | undefined): number | string | null {
  if (code === null || code === undefined) return null;
  const text = String(code).trim();
  if (text === "") return null;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** Plain words for a Twilio error code, as Twilio sends it (number or string). */
export function describeTwilioError(code: number | string | null | undefined): string | null {
  const parsed = toCode(code);
  if (parsed === null) return null;
  if (typeof parsed === "number") {
    const known = TWILIO_ERRORS[parsed];
    if (known) return known.message;
  }
  return `Twilio error ${parsed}.`;
}

/**
 * True when retrying cannot help. Unknown codes count as temporary: a wasted retry
 * costs less than a message silently given up on.
 */
export function isPermanentTwilioError(code: number | string | null | undefined): boolean {
  const parsed = toCode(code);
  if (typeof parsed !== "number") return false;
  return TWILIO_ERRORS[parsed]?.permanent ?? false;
}
