import { z } from "zod";
import { text } from "@/lib/validation/text";
import { allCountries } from "@/lib/phone/countries";
import { normalizePhoneNumber } from "@/lib/phone/normalize";
import { BUYABLE_NUMBER_TYPES } from "./types";

const COUNTRY_CODES = new Set(allCountries().map((country) => country.code as string));

export const countryCodeSchema = text({ error: "Choose a country." })
  .trim()
  .toUpperCase()
  .refine((code) => COUNTRY_CODES.has(code), "Choose a country from the list.");

/** A phone number as people type it, turned into E.164, or the reason it is not one. */
export const e164Schema = text({ error: "Type a phone number." }).transform((input, ctx) => {
  const result = normalizePhoneNumber(input);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: result.message });
    return z.NEVER;
  }
  return result.e164;
});

const numberTypeSchema = z.enum(BUYABLE_NUMBER_TYPES, { error: "Choose local, mobile or toll-free." });

const optionalText = (schema: z.ZodString) =>
  text()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(schema.optional());

export const numberSearchSchema = z
  .object({
    country: countryCodeSchema,
    type: numberTypeSchema,
    areaCode: optionalText(text().regex(/^\d{3}$/, "An area code has 3 digits, like 415.")),
    contains: optionalText(
      text()
        .max(16, "Use at most 16 characters.")
        .regex(/^[0-9A-Za-z*]{2,}$/, "Use only digits and letters (at least 2); * stands for any one digit."),
    ),
  })
  .refine((search) => !search.areaCode || search.country === "US" || search.country === "CA", {
    path: ["areaCode"],
    message: "Area codes only apply to US and Canadian numbers. Leave it empty, or use “Contains”.",
  });
export type NumberSearch = z.infer<typeof numberSearchSchema>;

export const buyNumberSchema = z.object({ phoneNumber: e164Schema, type: numberTypeSchema });

export const importNumbersSchema = z.object({
  sids: z.array(text().regex(/^PN[0-9a-fA-F]{32}$/), { error: "Choose at least one number." }).min(1, "Choose at least one number.").max(200),
});

const required = (label: string, max: number) =>
  text({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `Use at most ${max} characters for the ${label}.`);

export const portRequestSchema = z.object({
  phoneNumber: e164Schema,
  currentCarrier: required("current carrier", 100),
  carrierAccountNumber: required("account number at that carrier", 64),
  carrierPin: required("PIN or passcode", 32),
  authorizedName: required("name of the person authorised on that account", 100),
  serviceAddress: required("service address", 300),
});
export type PortRequestInput = z.infer<typeof portRequestSchema>;

export const idSchema = z.object({ id: z.uuid() });

export const portRejectionSchema = z.object({
  id: z.uuid(),
  reason: required("reason the carrier gave", 500),
});
