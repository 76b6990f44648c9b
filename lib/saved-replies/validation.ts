import { z } from "zod";
import { text } from "@/lib/validation/text";
import { macroActionsSchema } from "./macro";

/** Long enough for a multi-part SMS; the composer's counter still holds a reply to the integration's limit. */
export const MAX_SAVED_REPLY_LENGTH = 1600;
export const MAX_SAVED_REPLY_TITLE_LENGTH = 80;

/** A saved reply, or a macro when it has actions; a macro may have no text, a plain saved reply must. */
export const savedReplyInputSchema = z
  .object({
    title: text("Give the saved reply a title.")
      .trim()
      .min(1, "Give the saved reply a title.")
      .max(MAX_SAVED_REPLY_TITLE_LENGTH, `Keep the title under ${MAX_SAVED_REPLY_TITLE_LENGTH} characters.`),
    body: text("Write the reply.").trim().max(MAX_SAVED_REPLY_LENGTH, `Keep the reply under ${MAX_SAVED_REPLY_LENGTH} characters.`),
    actions: macroActionsSchema.default([]),
  })
  .superRefine((input, context) => {
    if (input.body === "" && input.actions.length === 0) {
      context.addIssue({ code: "custom", path: ["body"], message: "Write the reply, or add at least one action to make it a macro." });
    }
  });
export type SavedReplyInput = z.infer<typeof savedReplyInputSchema>;

export const savedReplyIdSchema = z.uuid();

/** The admin's choice under Settings → Saved replies. */
export const macroSettingsSchema = z.object({ agentsCreateOwn: z.boolean() });
export type MacroSettings = z.infer<typeof macroSettingsSchema>;

/** Reads the form's hidden `actions` field (JSON the action editor writes); unreadable is a list zod refuses. */
export function actionsField(value: FormDataEntryValue | null): unknown {
  if (typeof value !== "string" || value.trim() === "") return [];
  try {
    return JSON.parse(value);
  } catch {
    return "unreadable";
  }
}
