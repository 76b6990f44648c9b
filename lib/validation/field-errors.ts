import type { z } from "zod";

/**
 * Zod issues as a form's field errors: the first message for each field, keyed by its path
 * ("name", or "actions.0.text" inside a list); an issue about the whole value is under "form".
 */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}
