import { z } from "zod";
import { tagNameSchema } from "@/lib/tags/name";
import { text } from "@/lib/validation/text";
import { isValidTimeZone, localTimeAt, parseClockTime, WEEKDAY_NAMES, WEEKDAYS } from "./business-hours";

export const RULE_TRIGGERS = ["ticket_created", "message_received"] as const;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];

const words = z
  .array(text().trim().min(1).max(60, "Keep each word or phrase under 60 characters."))
  .min(1, "Add at least one word.")
  .max(50, "Use at most 50 words here.");

const countryCode = text()
  .trim()
  .regex(/^[A-Za-z]{2}$/, "Choose a country.")
  .transform((code) => code.toUpperCase());

export const conditionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("integration"), integrationIds: z.array(z.uuid("Choose an SMS integration.")).min(1, "Choose at least one SMS integration.").max(50) }),
  z.object({ type: z.literal("text_contains_any"), words }),
  z.object({ type: z.literal("text_contains_none"), words }),
  z.object({ type: z.literal("first_message") }),
  z.object({ type: z.literal("business_hours"), when: z.enum(["inside", "outside"]) }),
  z.object({ type: z.literal("customer_country"), countries: z.array(countryCode).min(1, "Choose at least one country.").max(250) }),
  z.object({ type: z.literal("assignment"), state: z.enum(["assigned", "unassigned"]) }),
]);
export type RuleCondition = z.infer<typeof conditionSchema>;
export type ConditionType = RuleCondition["type"];

export const MAX_AUTO_REPLY_LENGTH = 1600;

export const actionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("auto_reply"),
    text: text().trim().min(1, "Write the reply.").max(MAX_AUTO_REPLY_LENGTH, `Keep the reply under ${MAX_AUTO_REPLY_LENGTH} characters.`),
  }),
  z.object({ type: z.literal("assign"), userId: z.uuid("Choose an agent.") }),
  z.object({
    type: z.literal("add_tag"),
    // The same rules as a tag an agent types: one name whatever its case, 50 characters at most.
    tag: tagNameSchema,
  }),
  z.object({ type: z.literal("close_ticket") }),
  z.object({ type: z.literal("stop_rules") }),
]);
export type RuleAction = z.infer<typeof actionSchema>;
export type ActionType = RuleAction["type"];

export const ruleInputSchema = z
  .object({
    name: text().trim().min(1, "Give the rule a name.").max(80, "Keep the name under 80 characters."),
    trigger: z.enum(RULE_TRIGGERS, "Choose when the rule runs."),
    enabled: z.boolean().default(true),
    conditions: z.array(conditionSchema).max(20, "Use at most 20 conditions."),
    actions: z.array(actionSchema).min(1, "Add at least one action.").max(10, "Use at most 10 actions."),
  })
  .superRefine((rule, context) => {
    const replies = rule.actions.flatMap((action, index) => (action.type === "auto_reply" ? [index] : []));
    for (const index of replies.slice(1)) {
      context.addIssue({ code: "custom", path: ["actions", index, "type"], message: "A rule sends one auto-reply. Make a second rule for another." });
    }
  });
export type RuleInput = z.infer<typeof ruleInputSchema>;

/** A stored rule's conditions and actions, read back; anything that no longer parses is reported, not run. */
export const storedRuleSchema = z.object({ conditions: z.array(conditionSchema), actions: z.array(actionSchema) });

const MAX_PERIODS_A_DAY = 10;

const clockTime = text().refine((value) => parseClockTime(value) !== null, "Use a time like 09:00.");

/** Business hours as stored: what the matcher can run, even if saved before today's stricter checks. */
export const storedBusinessHoursSchema = z.object({
  timeZone: text().trim().refine(isValidTimeZone, "Choose a time zone from the list."),
  periods: z
    .array(
      z
        .object({ day: z.enum(WEEKDAYS), start: clockTime, end: clockTime })
        .refine((period) => period.start !== "24:00", { message: "Use 00:00 for midnight.", path: ["start"] }),
    )
    .superRefine((periods, context) => {
      for (const day of WEEKDAYS) {
        const count = periods.filter((period) => period.day === day).length;
        if (count > MAX_PERIODS_A_DAY) context.addIssue({ code: "custom", message: `Use at most ${MAX_PERIODS_A_DAY} periods a day (${WEEKDAY_NAMES[day]} has ${count}).` });
      }
    }),
  closedDates: z
    .array(
      z.object({
        date: z.iso.date("Use a date like 2025-12-25."),
        label: text().trim().max(60, "Keep the name under 60 characters.").default(""),
      }),
    )
    .max(366, "Use at most 366 closed dates.")
    .refine((dates) => new Set(dates.map((d) => d.date)).size === dates.length, "Each closed date can appear only once."),
});

/** Today's date (YYYY-MM-DD) on the wall clock of `timeZone`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return localTimeAt(now, isValidTimeZone(timeZone) ? timeZone : "UTC").date;
}

const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;

/** Business hours an admin saves: no empty or overlapping periods (an overnight one included), no closed dates already past. */
export const businessHoursSchema = storedBusinessHoursSchema.superRefine((hours, context) => {
  const spans = hours.periods.map((period, index) => {
    const start = parseClockTime(period.start);
    const end = parseClockTime(period.end);
    if (start === null || end === null) return null;
    if (start === end && start !== 0) {
      context.addIssue({
        code: "custom",
        path: ["periods", index, "end"],
        message: `${WEEKDAY_NAMES[period.day]} ${period.start}–${period.end} opens and closes at the same time. Choose another closing time (00:00 to 00:00 is open all day).`,
      });
      return null;
    }
    // Minutes into the week; an overnight period runs on into the next morning (Sunday's into Monday's).
    const weekStart = WEEKDAYS.indexOf(period.day) * DAY_MINUTES + start;
    return { day: period.day, start: weekStart, end: weekStart + (end <= start ? end + DAY_MINUTES : end) - start, label: `${period.start}–${period.end}` };
  });
  spans.forEach((span, index) => {
    if (!span) return;
    for (const other of spans.slice(0, index)) {
      if (!other) continue;
      const shift = [0, WEEK_MINUTES, -WEEK_MINUTES].find((by) => span.start < other.end + by && other.start + by < span.end);
      if (shift === undefined) continue;
      const [first, second] = other.start + shift <= span.start ? [other, span] : [span, other];
      context.addIssue({
        code: "custom",
        path: ["periods", index, "start"],
        message:
          span.day === other.day
            ? `${WEEKDAY_NAMES[span.day]} ${other.label} and ${span.label} overlap. Join them into one period or change the times.`
            : `${WEEKDAY_NAMES[first.day]} ${first.label} runs into ${WEEKDAY_NAMES[second.day]} ${second.label}. Close it earlier or open later.`,
      });
      return;
    }
  });
  const today = todayIn(hours.timeZone);
  hours.closedDates.forEach((closed, index) => {
    if (closed.date < today) context.addIssue({ code: "custom", path: ["closedDates", index, "date"], message: `${closed.date} is in the past. Remove it.` });
  });
});
export type BusinessHoursInput = z.infer<typeof businessHoursSchema>;

export const ruleTestSchema = z.object({
  body: text().max(MAX_AUTO_REPLY_LENGTH).default(""),
  localTime: text().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Choose a date and time."),
  integrationId: z.uuid("Choose an SMS integration."),
  country: countryCode,
  customerName: text().trim().max(80).default(""),
  ticketCreated: z.boolean().default(true),
  assigned: z.boolean().default(false),
});
export type RuleTestInput = z.infer<typeof ruleTestSchema>;
