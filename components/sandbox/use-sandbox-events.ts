"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { refreshSandbox } from "./refresh";

// A text's steps (sent, delivered, the app's answer) come in a burst: one refresh per burst.
const COALESCE_MS = 100;

/** Refreshes the simulator whenever the sandbox reports a change (server-sent events). */
export function useSandboxEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource("/sandbox/phone/events");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void refreshSandbox(queryClient);
      }, COALESCE_MS);
    };
    source.addEventListener("sandbox.updated", refresh);
    // After a dropped connection, catch up on whatever happened meanwhile.
    source.addEventListener("open", refresh);
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [queryClient]);
}
