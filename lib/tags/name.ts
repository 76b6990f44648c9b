import { z } from "zod";

export const MAX_TAG_LENGTH = 50;

// C0 and C1 controls, and the invisible format characters that make two names look alike
// (zero-width spaces and joiners, bidirectional marks, the byte-order mark).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/u;

/**
 * A tag's one name: Unicode NFC, lower case, trimmed, each run of spaces one space. Two
 * names people would call the same tag ("VIP", " vip ") come out equal, so the unique index
 * on tags.name and `tickets.tags @> array[name]` see one tag.
 */
export function normalizeTagName(raw: string): string {
  return raw.normalize("NFC").replace(/[ \u00a0\u3000]+/g, " ").trim().toLowerCase();
}

export type TagNameCheck = { ok: true; name: string } | { ok: false; message: string };

/** Normalises a typed name, or says why it cannot be a tag. */
export function checkTagName(raw: string): TagNameCheck {
  if (CONTROL.test(raw)) {
    return { ok: false, message: "Tags cannot hold control or invisible characters (such as a line break or a tab). Type the name again without them." };
  }
  const name = normalizeTagName(raw);
  if (!name) return { ok: false, message: "Write the tag's name." };
  if ([...name].length > MAX_TAG_LENGTH) return { ok: false, message: `Tags have at most ${MAX_TAG_LENGTH} characters; this one has ${[...name].length}.` };
  return { ok: true, name };
}

/** A tag name in a form or a JSON body: refused with checkTagName's words, else normalised. */
export const tagNameSchema = z.string({ error: "Write the tag's name." }).transform((raw, context) => {
  const checked = checkTagName(raw);
  if (!checked.ok) {
    context.addIssue({ code: "custom", message: checked.message });
    return z.NEVER;
  }
  return checked.name;
});
