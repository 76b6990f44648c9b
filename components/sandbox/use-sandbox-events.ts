"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { sandboxKeys } from "./keys";

/** Refreshes the simulator whenever the sandbox reports a change (server-sent events). */
export function useSandboxEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource("/sandbox/phone/events");
    const refresh = () => void queryClient.invalidateQueries({ queryKey: sandboxKeys.all });
    source.addEventListener("sandbox.updated", refresh);
    // After a dropped connection, catch up on whatever happened meanwhile.
    source.addEventListener("open", refresh);
    return () => source.close();
  }, [queryClient]);
}
