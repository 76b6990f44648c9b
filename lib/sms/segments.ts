import { SegmentedMessage } from "sms-segments-calculator";

export type SmsMeasure = {
  characters: number;
  encoding: "GSM-7" | "UCS-2";
  segments: number;
  unicodeCharacters: string[];
};

/** The product's advertised limit ("The limitation for the length of the message is 160 characters"). */
export const DEFAULT_MAX_LENGTH = 160;

/** Twilio refuses longer bodies outright (error 21617). */
export const ABSOLUTE_MAX_LENGTH = 1600;

function countCharacters(text: string): number {
  // Code points, not UTF-16 units, so "😀" counts once; a flag or a skin-toned emoji is
  // still several, which is also how the limit is enforced, so the counter never lies.
  return [...text].length;
}

/**
 * What the composer shows under the text box: how long the message is, how it will be
 * encoded, how many SMS it will be billed as, and which characters forced Unicode
 * (so the agent can swap a “smart quote” for a plain one and halve the cost).
 */
export function measureSms(text: string): SmsMeasure {
  if (text === "") return { characters: 0, encoding: "GSM-7", segments: 0, unicodeCharacters: [] };
  const message = new SegmentedMessage(text);
  return {
    characters: countCharacters(text),
    encoding: message.encodingName,
    segments: message.segmentsCount,
    unicodeCharacters: [...new Set(message.getNonGsmCharacters())],
  };
}

export type LengthCheck = { ok: true } | { ok: false; message: string };

export function checkLength(
  text: string,
  maxLength: number,
  options: { allowEmpty?: boolean } = {},
): LengthCheck {
  if (text.trim() === "" && !options.allowEmpty) {
    return { ok: false, message: "Write a message before sending." };
  }
  const limit = Math.min(Math.max(0, Math.floor(maxLength)), ABSOLUTE_MAX_LENGTH);
  const characters = countCharacters(text);
  if (characters > limit) {
    return {
      ok: false,
      message: `This message is ${characters} characters; the limit for this SMS integration is ${limit}.`,
    };
  }
  return { ok: true };
}
