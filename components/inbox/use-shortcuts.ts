"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import { BURST_GAP_MS, decideKey, initialBurstState, noteEscape, type ShortcutKind } from "@/lib/keyboard/burst";

export interface InboxShortcuts {
  next: () => void;
  previous: () => void;
  reply: () => void;
  note: () => void;
  close: () => void;
  snooze: () => void;
  undo: () => void;
  search: () => void;
  escape: () => void;
  help: () => void;
  /** Checks or unchecks a ticket for a step on many tickets. */
  select: () => void;
}

const KEYS: Record<string, { kind: ShortcutKind; run: keyof InboxShortcuts }> = {
  j: { kind: "move", run: "next" },
  ArrowDown: { kind: "move", run: "next" },
  k: { kind: "move", run: "previous" },
  ArrowUp: { kind: "move", run: "previous" },
  r: { kind: "field", run: "reply" },
  n: { kind: "field", run: "note" },
  "/": { kind: "field", run: "search" },
  e: { kind: "act", run: "close" },
  c: { kind: "act", run: "close" },
  z: { kind: "act", run: "undo" },
  // Opens the snooze choices: what is typed next is kept out of them, as out of a text box.
  s: { kind: "field", run: "snooze" },
  "?": { kind: "view", run: "help" },
  x: { kind: "view", run: "select" },
};

const MODIFIERS = new Set(["Shift", "Control", "Alt", "Meta", "CapsLock", "AltGraph", "Fn"]);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The inbox without a mouse: j/k or arrows move between tickets, r replies, n writes a
 * note, e or c closes, z undoes the close (or the latest step on many tickets), x checks the
 * ticket for a step on many, s snoozes, / searches, Escape steps back, ? lists the keys.
 * Keys typed into a field stay in the field (except Escape, which leaves it). Outside a
 * field a key runs its shortcut only when pressed on its own (lib/keyboard/burst.ts): a
 * sentence typed there opens nothing, closes nothing and lands in no text box.
 */
export function useInboxShortcuts(handlers: InboxShortcuts): void {
  const ref = useRef(handlers);
  // Before the browser handles another event: a key pressed right after a render that moved
  // the selection (its DOM already shows the new ticket) must see that render's handlers,
  // and passive effects may run only after such a key.
  useLayoutEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    let burst = initialBurstState;
    let allowed = false;
    let pending: ReturnType<typeof setTimeout> | undefined;

    // Capture phase: every key is timed, and a burst after a shortcut opened a field is
    // stopped before it reaches that field.
    function onKeyCapture(event: KeyboardEvent) {
      if (MODIFIERS.has(event.key) || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      clearTimeout(pending);
      pending = undefined;
      const press = { key: event.key, at: event.timeStamp, repeat: event.repeat };
      if (event.key === "Escape") {
        burst = noteEscape();
        return;
      }
      const shortcut = isTyping(event.target) || document.querySelector("dialog[open]") ? undefined : KEYS[event.key];
      const decision = decideKey(burst, press, shortcut?.kind ?? null);
      burst = decision.state;
      allowed = decision.allow;
      if (decision.swallow) {
        event.preventDefault();
        event.stopPropagation();
      }
    }

    // Bubble phase: anything that handled the key itself (a menu's arrows) has had its turn.
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector("dialog[open]")) return;
      if (event.key === "Escape") {
        ref.current.escape();
        return;
      }
      if (isTyping(event.target)) return;
      const shortcut = KEYS[event.key];
      if (!shortcut) return;
      event.preventDefault();
      if (!allowed) return;
      if (shortcut.kind === "act") {
        // Only once no other key follows: "e" starting a word is not a request to close.
        pending = setTimeout(() => ref.current[shortcut.run](), BURST_GAP_MS);
        return;
      }
      ref.current[shortcut.run]();
    }

    window.addEventListener("keydown", onKeyCapture, true);
    window.addEventListener("keydown", onKeyDown);
    return () => {
      clearTimeout(pending);
      window.removeEventListener("keydown", onKeyCapture, true);
      window.removeEventListener("keydown", onKeyDown);
    };
  }, []);
}
