import { z } from "zod";

const e164 = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, { message: "Use a number in international format, like +14155550100." });

export const simulatorQuerySchema = z.object({
  handset: e164.optional().catch(undefined),
  business: e164.optional().catch(undefined),
});

export const reachableSchema = z.object({ handset: e164, reachable: z.boolean() });

export const handsetTextSchema = z.object({
  from: z.string().trim().min(1, { message: "Type the customer's phone number." }).max(40),
  to: e164,
  body: z.string().max(5000).default(""),
});
