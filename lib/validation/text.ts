import { z } from "zod";

export const NUL_MESSAGE = "Remove the invisible NUL character from this text.";

/**
 * A string as people type it. PostgreSQL text cannot hold NUL (U+0000): one pasted in
 * would fail the insert with a 500, so it is refused next to its field instead.
 */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine((value) => !value.includes("\u0000"), NUL_MESSAGE);
}
