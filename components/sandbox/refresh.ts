import type { QueryClient } from "@tanstack/react-query";
import { sandboxKeys } from "./keys";

/**
 * Fetches the simulator's state again after a change. A fetch already under way may have read
 * the state before the change, and invalidating alone would settle for its answer (for a
 * phone opened a moment ago, one that has no data yet), so that fetch is dropped first.
 */
export async function refreshSandbox(queryClient: QueryClient): Promise<void> {
  await queryClient.cancelQueries({ queryKey: sandboxKeys.all });
  await queryClient.invalidateQueries({ queryKey: sandboxKeys.all });
}
