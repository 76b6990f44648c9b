import { z } from "zod";
import { text } from "@/lib/validation/text";

export const emailSchema = text()
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .email("Enter a valid email address, like name@example.com.");

export const passwordSchema = text()
  .min(8, "Use at least 8 characters for the password.")
  .max(200, "Use at most 200 characters for the password.")
  .refine((password) => password.trim().length > 0, "The password cannot be only spaces. Use letters, digits or symbols too.");

export const nameSchema = text().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters for the name.");

export const credentialsSchema = z.object({
  email: text().trim().min(1).max(254),
  password: text().min(1).max(200),
});

export const newUserSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  role: z.enum(["admin", "agent"]).default("agent"),
});

export const firstAdminSchema = newUserSchema.omit({ role: true });
