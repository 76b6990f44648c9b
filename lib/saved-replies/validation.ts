import { z } from "zod";
import { text } from "@/lib/validation/text";

/** Long enough for a multi-part SMS; the composer's counter still holds a reply to the integration's limit. */
export const MAX_SAVED_REPLY_LENGTH = 1600;
export const MAX_SAVED_REPLY_TITLE_LENGTH = 80;

export const savedReplyInputSchema = z.object({
  title: text("Give the saved reply a title.")
    .trim()
    .min(1, "Give the saved reply a title.")
    .max(MAX_SAVED_REPLY_TITLE_LENGTH, `Keep the title under ${MAX_SAVED_REPLY_TITLE_LENGTH} characters.`),
  body: text("Write the reply.")
    .trim()
    .min(1, "Write the reply.")
    .max(MAX_SAVED_REPLY_LENGTH, `Keep the reply under ${MAX_SAVED_REPLY_LENGTH} characters.`),
});
export type SavedReplyInput = z.infer<typeof savedReplyInputSchema>;

export const savedReplyIdSchema = z.uuid();
