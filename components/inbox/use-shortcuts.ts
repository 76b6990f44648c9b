"use client";

import { useEffect, useRef } from "react";

export interface InboxShortcuts {
  next: () => void;
  previous: () => void;
  reply: () => void;
  note: () => void;
  close: () => void;
  search: () => void;
  escape: () => void;
  help: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The inbox without a mouse: j/k or arrows move between tickets, r replies, n writes a
 * note, e or c closes, / searches, Escape steps back, ? lists the keys. Keys typed into a
 * field stay in the field (except Escape, which leaves it).
 */
export function useInboxShortcuts(handlers: InboxShortcuts): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector("dialog[open]")) return;
      const typing = isTyping(event.target);
      if (event.key === "Escape") {
        ref.current.escape();
        return;
      }
      if (typing) return;
      const action: Partial<Record<string, () => void>> = {
        j: ref.current.next,
        ArrowDown: ref.current.next,
        k: ref.current.previous,
        ArrowUp: ref.current.previous,
        r: ref.current.reply,
        n: ref.current.note,
        e: ref.current.close,
        c: ref.current.close,
        "/": ref.current.search,
        "?": ref.current.help,
      };
      const run = action[event.key];
      if (!run) return;
      event.preventDefault();
      run();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
