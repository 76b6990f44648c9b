"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { inboxApi, type SavedReply } from "./api";
import { inboxKeys } from "./query-keys";

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];
}

/**
 * "Insert saved reply": a menu button in the WAI-ARIA pattern. Arrows, Home, End and the
 * first letter move between replies, Enter inserts one, Escape or Tab closes the menu. Keys
 * it handles are kept from the inbox's own shortcuts (j, k, e…), which would otherwise act.
 */
export function SavedReplyMenu({ disabled, onInsert }: { disabled: boolean; onInsert: (reply: SavedReply) => void }) {
  const [open, setOpen] = useState(false);
  const ids = { button: useId(), menu: useId() };
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const replies = useQuery({ queryKey: inboxKeys.savedReplies(), queryFn: inboxApi.savedReplies, staleTime: 30_000, enabled: !disabled });
  const list = replies.data?.replies ?? [];

  const items = () => menuItems(menu.current);
  const focusItem = (index: number) => {
    const all = items();
    all[(index + all.length) % all.length]?.focus();
  };

  // Focus goes into the menu when it opens, and once the replies arrive if they were loading.
  useEffect(() => {
    if (open) menuItems(menu.current)[0]?.focus();
  }, [open, list.length]);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const all = items();
    const current = all.indexOf(document.activeElement as HTMLElement);
    if (event.key === "ArrowDown") focusItem(current + 1);
    else if (event.key === "ArrowUp") focusItem(current - 1);
    else if (event.key === "Home") focusItem(0);
    else if (event.key === "End") focusItem(all.length - 1);
    else if (event.key === "Escape") close(true);
    else if (event.key === "Tab") {
      setOpen(false);
      return;
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const letter = event.key.toLowerCase();
      const order = [...all.slice(current + 1), ...all.slice(0, current + 1)];
      order.find((item) => item.textContent?.trim().toLowerCase().startsWith(letter))?.focus();
      if (event.key === " ") return;
    } else return;
    event.preventDefault();
  }

  return (
    <div
      className="relative"
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <Button
        ref={button}
        id={ids.button}
        variant="secondary"
        disabled={disabled}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? ids.menu : undefined}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        Insert saved reply
      </Button>
      {open ? (
        <ul
          ref={menu}
          id={ids.menu}
          role="menu"
          aria-labelledby={ids.button}
          onKeyDown={onMenuKeyDown}
          className="absolute bottom-full left-0 z-10 mb-1 max-h-72 w-80 overflow-y-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {replies.isPending ? (
            <li role="none" className="px-3 py-2 text-slate-500">
              <span role="menuitem" aria-disabled="true" tabIndex={-1}>
                Loading saved replies…
              </span>
            </li>
          ) : replies.isError ? (
            <li role="none" className="px-3 py-2 text-red-700">
              <span role="menuitem" aria-disabled="true" tabIndex={-1}>
                {replies.error.message}
              </span>
            </li>
          ) : list.length === 0 ? (
            <li role="none" className="px-3 py-2 text-slate-500">
              <span role="menuitem" aria-disabled="true" tabIndex={-1}>
                No saved replies or macros yet. An admin adds them in Settings → Saved replies.
              </span>
            </li>
          ) : (
            list.map((reply) => (
              <li role="none" key={reply.id}>
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="block w-full px-3 py-2 text-left hover:bg-slate-50 focus:bg-brand-50 focus:outline-none"
                  onClick={() => {
                    onInsert(reply);
                    setOpen(false);
                  }}
                >
                  <span className="block font-medium text-slate-900">{reply.title}</span>
                  {reply.body ? <span className="block truncate text-xs text-slate-500">{reply.body}</span> : null}
                  {reply.summary ? <span className="block truncate text-xs text-brand-700">Will {reply.summary}</span> : null}
                </button>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
