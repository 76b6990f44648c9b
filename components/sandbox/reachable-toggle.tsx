"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormMessage } from "@/components/ui/field";
import type { SimulatorHandset } from "@/lib/sandbox/simulator";
import { setReachable } from "./api";
import { refreshSandbox } from "./refresh";

/** For a number that simulates a carrier failure: switch it to reachable to see a retry succeed. */
export function ReachableToggle({ handset }: { handset: SimulatorHandset }) {
  const queryClient = useQueryClient();
  // The choice shows at once, in the click itself, until the refreshed handset confirms it
  // (the mutation's own state reaches React a tick later, after the browser has undone the click).
  const [shown, setShown] = useState<boolean | null>(null);
  const toggle = useMutation({
    mutationFn: (reachable: boolean) => setReachable(handset.phoneNumber, reachable),
    onSuccess: () => refreshSandbox(queryClient),
    onSettled: () => setShown(null),
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
          checked={shown ?? handset.reachable}
          disabled={toggle.isPending}
          onChange={(event) => {
            setShown(event.target.checked);
            toggle.mutate(event.target.checked);
          }}
          className="size-4"
        />
        Reachable: deliver messages to this phone
      </label>
      <FormMessage message={toggle.isError ? toggle.error.message : null} />
    </div>
  );
}
