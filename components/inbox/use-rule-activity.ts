"use client";

import { useSyncExternalStore } from "react";

const KEY = "inbox.showRuleActivity";
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) === "1";
  } catch {
    return false;
  }
}

/** Whether rule runs that did nothing show in timelines; this browser remembers the choice. */
export function useShowRuleActivity(): [boolean, (show: boolean) => void] {
  const show = useSyncExternalStore(subscribe, read, () => false);
  const set = (next: boolean) => {
    try {
      window.localStorage.setItem(KEY, next ? "1" : "0");
    } catch {
      // Storage refused (private mode): the switch still works until the page is left.
    }
    listeners.forEach((listener) => listener());
  };
  return [show, set];
}
