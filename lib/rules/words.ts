/**
 * Word matching for "message text contains": case- and accent-insensitive, and word-aware,
 * so "order" finds "Order?" but not "border". A trailing * matches the start of a word
 * ("refund*" finds "refunds" and "refunded"); a phrase matches across any spacing.
 */

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[’‘]/g, "'")
    .toLowerCase();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function patternFor(word: string): RegExp | null {
  const folded = fold(word.trim());
  const prefix = folded.endsWith("*");
  const core = (prefix ? folded.slice(0, -1) : folded).trim();
  if (!core) return null;
  const body = core.split(/\s+/).map(escape).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${prefix ? "" : "(?![\\p{L}\\p{N}])"}`, "u");
}

/** The first of `words` that the text contains, as the admin wrote it; null when none. */
export function findWord(text: string, words: readonly string[]): string | null {
  const folded = fold(text);
  for (const word of words) {
    if (patternFor(word)?.test(folded)) return word;
  }
  return null;
}

/** "refund, return or exchange" */
export function listWords(words: readonly string[], joiner = "or"): string {
  const quoted = words.map((word) => `“${word}”`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} ${joiner} ${quoted.at(-1)}`;
}
