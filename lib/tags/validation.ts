import { z } from "zod";

/** A tag typed on a ticket; its name is checked (and normalised) by lib/tags/manage.ts, which says what is wrong. */
export const ticketTagSchema = z.object({ name: z.string({ error: "Write the tag's name." }).max(1_000, "Tags have at most 50 characters.") });

export const tagIdSchema = z.uuid();

export const renameTagSchema = z.object({ id: tagIdSchema, name: z.string({ error: "Write the tag's new name." }).max(1_000, "Tags have at most 50 characters.") });

export const mergeTagSchema = z.object({ id: tagIdSchema, intoId: z.uuid("Choose the tag to merge into.") });
