import { z } from "zod";
import { SandboxError } from "./errors";
import type { TwilioParams } from "./http";

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** A callback URL, or "" to clear it, as Twilio lets you. */
export const callbackUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => value === "" || isHttpUrl(value), { message: "must be an http or https URL" });

export const httpMethod = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(["GET", "POST"], { message: "must be GET or POST" }));

const twilioBoolean = z
  .string()
  .trim()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(["true", "false"], { message: "must be true or false" }))
  .transform((value) => value === "true");

export const numberConfigSchema = z.object({
  FriendlyName: z.string().trim().min(1).max(64).optional(),
  SmsUrl: callbackUrl.optional(),
  SmsMethod: httpMethod.optional(),
  SmsFallbackUrl: callbackUrl.optional(),
  SmsFallbackMethod: httpMethod.optional(),
  StatusCallback: callbackUrl.optional(),
  StatusCallbackMethod: httpMethod.optional(),
});

// The sandbox has no Twilio apps to attach, so only detaching one ("") can be asked for.
export const numberUpdateSchema = numberConfigSchema.extend({
  SmsApplicationSid: z.literal("", { message: "no such Twilio app in this account" }).optional(),
});

export const buyNumberSchema = numberConfigSchema.extend({
  PhoneNumber: z.string().trim().max(32).optional(),
  AreaCode: z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, { message: "must be digits" })
    .optional(),
});

export const availableSearchSchema = z.object({
  AreaCode: z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, { message: "must be digits" })
    .optional(),
  Contains: z
    .string()
    .trim()
    .regex(/^[0-9a-zA-Z*]{1,16}$/, { message: "may hold only digits, letters and *" })
    .optional(),
  SmsEnabled: twilioBoolean.optional(),
  MmsEnabled: twilioBoolean.optional(),
  VoiceEnabled: twilioBoolean.optional(),
});

const URL_FIELDS = new Set(["SmsUrl", "SmsFallbackUrl", "StatusCallback", "MediaUrl"]);

/**
 * Reads the parameters a schema names (first value of each) and checks them; a bad one
 * is refused with Twilio's 400 and a message naming the parameter.
 */
export function parseTwilioParams<S extends z.ZodObject>(schema: S, params: TwilioParams): z.output<S> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = params.get(name);
    if (value !== undefined) raw[name] = value;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? "parameter");
  const code = URL_FIELDS.has(name) ? 21502 : 20001;
  throw new SandboxError(400, code, `Invalid ${name}: ${issue?.message ?? "not accepted"}`);
}

export const messageCreateSchema = z.object({
  To: z.string().trim().max(64).optional(),
  From: z.string().trim().max(64).optional(),
  MessagingServiceSid: z.string().trim().max(64).optional(),
  Body: z.string().max(20_000).optional(),
  StatusCallback: callbackUrl.optional(),
});

export const messageUpdateSchema = z.object({ Body: z.string().optional(), Status: z.string().optional() });
