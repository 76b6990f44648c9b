"use client";

import { useEffect } from "react";

/**
 * Marks the document once React has taken over the page (`<html data-hydrated>`), so tools
 * driving a browser know when the controls respond: a choice made before is reset by hydration.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
