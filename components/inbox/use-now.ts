"use client";

import { useEffect, useState } from "react";

/** The time, moved on every `everyMs`: waits and wake-up times in the list stay current without a refetch. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
