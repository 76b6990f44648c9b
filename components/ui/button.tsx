"use client";

import type { ComponentProps } from "react";
import { buttonClass, type Variant } from "./button-class";
import { useHydrated } from "./use-hydrated";

/**
 * A submit button stays disabled until the page is live. The forms submit through React;
 * before it has taken over, a click or Enter would submit natively, putting what was typed
 * (a password too) in the address bar, and a choice already made would be undone.
 * A disabled default button also stops Enter from submitting.
 */
export function Button({
  variant = "primary",
  className = "",
  type = "button",
  disabled,
  ...props
}: ComponentProps<"button"> & { variant?: Variant }) {
  const hydrated = useHydrated();
  return <button type={type} className={buttonClass(variant, className)} disabled={disabled || (type === "submit" && !hydrated)} {...props} />;
}
