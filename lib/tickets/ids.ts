import { AppError } from "@/lib/errors";
import { ticketIdSchema } from "./validation";

/** A route's id parameter, or a 404 for anything that could not be an id. */
export function parseId(value: string | undefined, what = "This ticket"): string {
  const parsed = ticketIdSchema.safeParse(value);
  if (!parsed.success) throw new AppError("not_found", `${what} does not exist.`);
  return parsed.data;
}
