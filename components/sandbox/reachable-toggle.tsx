"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FormMessage } from "@/components/ui/field";
import type { SimulatorHandset } from "@/lib/sandbox/simulator";
import { setReachable } from "./api";
import { sandboxKeys } from "./keys";

/** For a number that simulates a carrier failure: switch it to reachable to see a retry succeed. */
export function ReachableToggle({ handset }: { handset: SimulatorHandset }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (reachable: boolean) => setReachable(handset.phoneNumber, reachable),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sandboxKeys.all }),
  });
  if (!handset.failure) return null;
  return (
    <div className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950">
      <p>
        Messages to this number fail with error {handset.failure.code} ({handset.failure.message}), to try how the inbox shows failures.
      </p>
      <label className="flex items-center gap-2 font-medium">
        <input
          type="checkbox"
          // Shows the choice at once, before the server has confirmed it.
          checked={toggle.isPending ? toggle.variables : handset.reachable}
          disabled={toggle.isPending}
          onChange={(event) => toggle.mutate(event.target.checked)}
          className="size-4"
        />
        Reachable: deliver messages to this phone
      </label>
      <FormMessage message={toggle.isError ? toggle.error.message : null} />
    </div>
  );
}
