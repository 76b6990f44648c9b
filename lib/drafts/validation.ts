import { z } from "zod";
import { ABSOLUTE_MAX_LENGTH } from "@/lib/sms/segments";
import { text } from "@/lib/validation/text";

/** A draft holds at most what any SMS integration could send: Twilio's hard limit. */
export const MAX_DRAFT_LENGTH = ABSOLUTE_MAX_LENGTH;

/** Characters as the composer's counter counts them (code points). */
export function draftLength(body: string): number {
  return [...body].length;
}

export function draftTooLongMessage(length: number): string {
  return `Drafts are kept up to ${MAX_DRAFT_LENGTH.toLocaleString("en-US")} characters and this one has ${length.toLocaleString("en-US")}, so this version was not saved. Shorten it to keep it as a draft; your text is still here.`;
}

export const draftSaveSchema = z.object({
  kind: z.enum(["reply", "note"]),
  body: text().superRefine((body, ctx) => {
    const length = draftLength(body);
    if (length > MAX_DRAFT_LENGTH) ctx.addIssue({ code: "custom", message: draftTooLongMessage(length) });
  }),
  /** The conversation's latest message when the writing began; kept from the first save. */
  basisMessageId: z.uuid().nullable().optional(),
});
export type DraftSave = z.infer<typeof draftSaveSchema>;

export interface DraftView {
  body: string;
  basisMessageId: string | null;
  updatedAt: string;
}

export interface TicketDrafts {
  reply: DraftView | null;
  note: DraftView | null;
}
