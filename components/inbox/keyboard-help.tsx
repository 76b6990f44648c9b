"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

const KEYS: [string, string][] = [
  ["j / ↓", "Next ticket"],
  ["k / ↑", "Previous ticket"],
  ["r", "Reply"],
  ["n", "Internal note"],
  ["Ctrl + Enter  /  ⌘ + Enter", "Send"],
  ["Ctrl + Shift + Enter  /  ⌘ + Shift + Enter", "Send and close the ticket"],
  ["e / c", "Close the ticket"],
  ["/", "Search"],
  ["Esc", "Leave the text box, then the ticket"],
];

export function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="keyboard-help-title" className="m-auto w-full max-w-sm rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
      <h2 id="keyboard-help-title" className="text-base font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="mt-4 space-y-2 text-sm">
        {KEYS.map(([keys, what]) => (
          <div key={keys} className="flex justify-between gap-4">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{keys}</kbd>
            </dt>
            <dd className="text-slate-600">{what}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-6 flex justify-end">
        <Button variant="secondary" onClick={onClose} autoFocus>
          Close
        </Button>
      </div>
    </dialog>
  );
}
