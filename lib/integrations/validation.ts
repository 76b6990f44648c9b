import { z } from "zod";
import { text } from "@/lib/validation/text";

export const INTEGRATION_NAME_MAX = 100;
export const DEFAULT_REOPEN_WINDOW_DAYS = 3;
export const MAX_REOPEN_WINDOW_DAYS = 365;
/** The seed's limit; an admin may allow longer messages, sent as several segments. */
export const DEFAULT_MAX_MESSAGE_LENGTH = 160;
/** Twilio refuses longer bodies (error 21617). */
export const MAX_MESSAGE_LENGTH_LIMIT = 1600;

export const integrationNameSchema = text({ error: "Enter a name for the integration." })
  .trim()
  .min(1, "Enter a name for the integration.")
  .max(INTEGRATION_NAME_MAX, `Use at most ${INTEGRATION_NAME_MAX} characters for the name.`);

export const newIntegrationSchema = z.object({
  name: integrationNameSchema,
  phoneNumberId: z.uuid({ error: "Choose the phone number to install it on." }),
});

/** A whole number typed in a form field; empty is missing, not zero. */
function wholeNumber(label: string, min: number, max: number) {
  const range = `${label} must be a whole number from ${min} to ${max}.`;
  return z
    .union([text(), z.number()], { error: `Enter ${label.toLowerCase()}.` })
    .transform((value) => (typeof value === "string" ? value.trim() : value))
    .refine((value) => value !== "", `Enter ${label.toLowerCase()}.`)
    .transform(Number)
    .pipe(z.number({ error: range }).int(range).min(min, range).max(max, range));
}

export const integrationSettingsSchema = z.object({
  reopenWindowDays: wholeNumber("The reopen window", 0, MAX_REOPEN_WINDOW_DAYS),
  maxMessageLength: wholeNumber("The maximum message length", DEFAULT_MAX_MESSAGE_LENGTH, MAX_MESSAGE_LENGTH_LIMIT),
});

export const deactivationSchema = z.object({
  reason: text({ error: "Say why it is deactivated; agents see this on its tickets." })
    .trim()
    .min(1, "Say why it is deactivated; agents see this on its tickets.")
    .max(300, "Use at most 300 characters for the reason."),
});

export const renameSchema = z.object({ name: integrationNameSchema });

export const countrySchema = z.object({
  country: text({ error: "Choose a country." })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Choose a country."),
});
