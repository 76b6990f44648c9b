import { z } from "zod";
import { text } from "@/lib/validation/text";

const e164 = text().trim().regex(/^\+[1-9]\d{6,14}$/, { message: "Use a number in international format, like +14155550100." });

export const simulatorQuerySchema = z.object({
  handset: e164.optional().catch(undefined),
  business: e164.optional().catch(undefined),
});

export const reachableSchema = z.object({ handset: e164, reachable: z.boolean() });

export const handsetTextSchema = z.object({
  from: text().trim().min(1, { message: "Type the customer's phone number." }).max(40),
  to: e164,
  body: text().max(5000).default(""),
});
