"use client";

import { useEffect, useRef, useState } from "react";

/** How long Undo stays on offer (longer while the pointer or focus is on it). */
export const UNDO_MS = 8000;

/**
 * A note that something just happened, with Undo, at the bottom of the screen. It goes by
 * itself after a few seconds, but not while someone is reaching for it.
 */
export function UndoToast({
  message,
  onUndo,
  onDismiss,
  pending,
  error,
}: {
  message: string;
  onUndo: () => void;
  onDismiss: () => void;
  pending: boolean;
  error: string | null;
}) {
  const [held, setHeld] = useState(false);
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  });
  useEffect(() => {
    if (held || pending || error) return;
    const timer = setTimeout(() => dismiss.current(), UNDO_MS);
    return () => clearTimeout(timer);
  }, [held, pending, error, message]);
  return (
    <div
      role="status"
      aria-label="Undo"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className="fixed bottom-4 left-1/2 z-50 flex max-w-[calc(100vw-2rem)] -translate-x-1/2 items-center gap-3 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg"
    >
      <span>{error ?? message}</span>
      {error ? null : (
        <button type="button" onClick={onUndo} disabled={pending} aria-keyshortcuts="z" className="rounded px-2 py-1 font-semibold text-brand-100 hover:bg-white/10 focus:outline-none focus-visible:ring-2 focus-visible:ring-white">
          {pending ? "Undoing…" : "Undo"}
          <kbd aria-hidden className="ml-1.5 rounded border border-white/30 px-1 font-mono text-xs font-normal">z</kbd>
        </button>
      )}
      <button type="button" onClick={onDismiss} aria-label="Dismiss" className="rounded px-1.5 py-1 text-slate-300 hover:bg-white/10 focus:outline-none focus-visible:ring-2 focus-visible:ring-white">
        ×
      </button>
    </div>
  );
}
