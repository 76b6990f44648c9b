import { z } from "zod";
import { nameSchema, passwordSchema } from "@/lib/auth/validation";
import { text } from "@/lib/validation/text";

export const profileSchema = z.object({ name: nameSchema });

export const passwordChangeSchema = z
  .object({
    currentPassword: text().min(1, "Enter your current password.").max(200, "That is not your current password."),
    newPassword: passwordSchema,
    confirmPassword: text().max(200),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ. Type the same one twice." });

export const passwordResetSchema = z
  .object({
    token: text().min(1).max(200),
    password: passwordSchema,
    confirmPassword: text().max(200),
  })
  .refine((input) => input.password === input.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ. Type the same one twice." });

export const resetLinkRequestSchema = z.object({ userId: z.uuid() });
