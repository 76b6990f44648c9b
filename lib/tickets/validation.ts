import { z } from "zod";
import { text } from "@/lib/validation/text";
import { INBOX_SORTS, INBOX_VIEWS, type InboxSort } from "@/db/queries/inbox-views";
import { tagNameSchema } from "@/lib/tags/name";

export { INBOX_SORTS, type InboxSort };

export const inboxFiltersSchema = z.object({
  view: z.enum(INBOX_VIEWS).catch("open"),
  integration: z.uuid().optional().catch(undefined),
  /** A tag's name, read as tags are written (lib/tags/name.ts); one that cannot be a tag is no filter. */
  tag: tagNameSchema.optional().catch(undefined),
  q: text().trim().max(200).optional().catch(undefined),
  sort: z.enum(INBOX_SORTS).catch("recent"),
});
export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

/**
 * Filters from a URL's search params; anything unreadable falls back to the default view:
 * Open, or with a search, All (a search covers every ticket until a view narrows it).
 */
export function readInboxFilters(params: Record<string, string | string[] | undefined> | URLSearchParams): InboxFilters {
  const get = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return (Array.isArray(value) ? value[0] : value) || undefined;
  };
  const filters = inboxFiltersSchema.parse({ view: get("view"), integration: get("integration"), tag: get("tag"), q: get("q"), sort: get("sort") });
  return filters.q && !get("view") ? { ...filters, view: "all" } : filters;
}

export const ticketIdSchema = z.uuid();

export const ticketActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), assigneeId: z.uuid().nullable() }),
  z.object({ action: z.literal("close") }),
  z.object({ action: z.literal("reopen") }),
  z.object({ action: z.literal("read") }),
  // Undo of a close: open again, with the assignee it had before.
  z.object({ action: z.literal("restore"), assigneeId: z.uuid().nullable() }),
  // Until an instant with its offset (the browser sends it as UTC); lib/tickets/snooze.ts checks it is ahead.
  z.object({ action: z.literal("snooze"), until: z.iso.datetime({ offset: true }) }),
  z.object({ action: z.literal("unsnooze") }),
]);

export const noteSchema = z.object({ body: text().max(20_000) });

export const customerNameSchema = z.object({ name: text().max(500), ticketId: z.uuid().optional() });

const macroFields = {
  macroId: z.uuid().optional(),
  macroRunId: z.uuid().optional(),
  timeZone: text().max(64).optional(),
};

const policyOverride = text().max(64).optional().transform((value) => value || null);

export const replyFieldsSchema = z.object({
  body: text().max(5_000).default(""),
  policyOverride,
  /** The latest message the agent had seen when they began writing. */
  basisMessageId: z.uuid().optional(),
  /** "Send & close": "1". */
  close: z.enum(["1", ""]).optional().transform((value) => value === "1"),
  ...macroFields,
});

/** A macro applied in the composer (savedReplyId), the id of this application (a retry sends it again), and the agent's time zone. */
export const macroApplicationSchema = z.object({
  savedReplyId: z.uuid(),
  runId: z.uuid(),
  timeZone: text().max(64).optional(),
});

export const newConversationFieldsSchema = z.object({
  phone: text().max(64),
  integrationId: z.uuid(),
  body: text().max(5_000).default(""),
  policyOverride,
});

const TARGET_UNITS = { minutes: 1, hours: 60 } as const;

/** The first-response target an admin sets under Settings → Business hours, in minutes or hours; empty removes it. */
export const responseTargetSchema = z
  .object({ amount: text().trim().max(12), unit: z.enum(["minutes", "hours"], "Choose minutes or hours.") })
  .superRefine(({ amount, unit }, context) => {
    if (amount === "") return;
    const value = Number(amount.replace(",", "."));
    const minutes = value * TARGET_UNITS[unit];
    const problem =
      !Number.isFinite(value) || value <= 0
        ? "Enter a number above 0, or leave it empty for no target."
        : !Number.isInteger(Math.round(minutes * 1000) / 1000)
          ? "Use whole minutes."
          : minutes > 10_080
            ? "At most a week (168 hours)."
            : null;
    if (problem) context.addIssue({ code: "custom", path: ["amount"], message: problem });
  })
  .transform(({ amount, unit }) => ({ minutes: amount === "" ? null : Math.round(Number(amount.replace(",", ".")) * TARGET_UNITS[unit]) }));
