import { ABSOLUTE_MAX_LENGTH, measureSms } from "./segments";

export interface ComposerCounter {
  characters: number;
  limit: number;
  over: boolean;
  encoding: "GSM-7" | "UCS-2";
  segments: number;
  /** What the agent reads under the text box, e.g. "42 / 160 · GSM-7 · 1 SMS". */
  summary: string;
  /** Names the characters that force Unicode, so the agent can swap them; null when none do. */
  unicodeHint: string | null;
}

// Quotes and dashes that word processors and phones put in for plain ones, named, since
// quoting a quote mark is unreadable; the plain one is what to type instead.
const NAMED: Readonly<Record<string, string>> = {
  "\u2018": "the curly quote ‘ (use ')",
  "\u2019": "the curly apostrophe ’ (use ')",
  "\u201C": "the curly quote “ (use \")",
  "\u201D": "the curly quote ” (use \")",
  "\u2013": "the dash – (use -)",
  "\u2014": "the dash — (use -)",
  "\u2026": "the ellipsis … (use ...)",
};

function show(character: string): string {
  if (NAMED[character]) return NAMED[character];
  if (character === "\n") return "a line break";
  if (/^\s$/u.test(character)) return `an unusual space (U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")})`;
  return `“${character}”`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The composer's counter: length against the integration's limit, encoding and SMS count. */
export function composerCounter(text: string, maxLength: number): ComposerCounter {
  const measure = measureSms(text);
  const limit = Math.min(Math.max(0, Math.floor(maxLength)), ABSOLUTE_MAX_LENGTH);
  const encoding = measure.encoding === "UCS-2" ? "Unicode" : "GSM-7";
  const sms = measure.segments === 1 ? "1 SMS" : `${measure.segments} SMS`;
  const shown = measure.unicodeCharacters.slice(0, 5).map(show);
  const more = measure.unicodeCharacters.length - shown.length;
  const unicodeHint =
    measure.unicodeCharacters.length === 0
      ? null
      : capitalize(`${list(shown)}${more > 0 ? ` and ${more} more` : ""} ${measure.unicodeCharacters.length === 1 ? "forces" : "force"} Unicode, so each SMS holds 70 characters instead of 160.`);
  return {
    characters: measure.characters,
    limit,
    over: measure.characters > limit,
    encoding: measure.encoding,
    segments: measure.segments,
    summary: `${measure.characters} / ${limit} · ${encoding}${measure.segments > 0 ? ` · ${sms}` : ""}`,
    unicodeHint,
  };
}
