import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has taken over the page, then true.
 * A form whose state lives in React disables its submit button until then: a choice made
 * earlier would be reset by hydration, and a click would submit the form natively.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
