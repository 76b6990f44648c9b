/**
 * Saved-reply text with placeholders, each with an optional fallback after a bar:
 * {{customer.first_name|there}}. A name that is unknown and has no fallback is taken out
 * with the comma or space that led to it, so "Thanks for reaching out, {{customer.first_name}}."
 * reads "Thanks for reaching out." rather than leaving a gap.
 */

export const SAVED_REPLY_PLACEHOLDERS = ["customer.first_name", "customer.name", "agent.first_name", "integration.name"] as const;
export type SavedReplyPlaceholder = (typeof SAVED_REPLY_PLACEHOLDERS)[number];

export interface SavedReplyValues {
  customerName?: string | null;
  agentName?: string | null;
  integrationName?: string | null;
}

const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|\s*([^{}]*?)\s*)?\}\}/g;
const GONE = "\u0000";

function isPlaceholder(name: string): name is SavedReplyPlaceholder {
  return (SAVED_REPLY_PLACEHOLDERS as readonly string[]).includes(name);
}

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, " ").trim();
  return trimmed ? trimmed : null;
}

function valueFor(name: SavedReplyPlaceholder, values: SavedReplyValues): string | null {
  switch (name) {
    case "customer.name":
      return clean(values.customerName);
    case "customer.first_name":
      return clean(values.customerName)?.split(" ")[0] ?? null;
    case "agent.first_name":
      return clean(values.agentName)?.split(" ")[0] ?? null;
    case "integration.name":
      return clean(values.integrationName);
  }
}

/** Takes out the placeholders that had nothing to say, and the separators they leave behind. */
function closeGaps(text: string): string {
  return (
    text
      // At the start of a line or sentence: "{{x}}, thanks" → "Thanks".
      .replace(/(^|[.!?][ \t]+)\u0000[ \t]*[,;:]?[ \t]*(\p{Ll})?/gmu, (_whole, before: string, letter: string | undefined) => before + (letter?.toUpperCase() ?? ""))
      // Before punctuation or the end of a line: "out, {{x}}." → "out."; "Hi {{x}}, " → "Hi, ".
      .replace(/[ \t]*,?[ \t]*\u0000(?=[ \t]*(?:[.,!?;:]|$))[ \t]*/gm, "")
      // Inside a sentence: "our {{x}} team" → "our team".
      .replace(/([ \t]*)\u0000([ \t]*)/g, (_whole, before: string, after: string) => (before || after ? " " : ""))
  );
}

/**
 * Fills the placeholders in `only` (all of them by default); an unknown one is left as typed
 * (saving refuses it). A value that is unknown gives the fallback, or is taken out cleanly.
 */
export function fillSavedReply(template: string, values: SavedReplyValues, only: readonly SavedReplyPlaceholder[] = SAVED_REPLY_PLACEHOLDERS): string {
  const filled = template.replace(PLACEHOLDER, (whole, name: string, fallback: string | undefined) => {
    if (!isPlaceholder(name) || !only.includes(name)) return whole;
    return valueFor(name, values) ?? (fallback || GONE);
  });
  return filled.includes(GONE) ? closeGaps(filled) : filled;
}

/** Placeholders the text uses that saved replies do not know, as typed, and stray braces. */
export function unknownSavedReplyPlaceholders(template: string): string[] {
  const unknown = [...template.matchAll(PLACEHOLDER)].filter((match) => !isPlaceholder(match[1] ?? "")).map((match) => match[0]);
  const stray = template.replace(PLACEHOLDER, "").match(/\{\{[^}]*\}?|\{[^{}]*\}\}/g) ?? [];
  return [...unknown, ...stray];
}

export function unknownPlaceholderMessage(unknown: string[]): string {
  const valid = SAVED_REPLY_PLACEHOLDERS.map((name) => `{{${name}}}`).join(", ");
  const subject = unknown.length === 1 ? `${unknown[0]} is not a placeholder` : `${unknown.join(", ")} are not placeholders`;
  return `${subject} the app knows. Use ${valid}, each with an optional fallback: {{customer.first_name|there}}.`;
}
