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
  ["z", "Undo closing it (for a few seconds), or the latest change to many tickets"],
  ["x", "Select or unselect the ticket (for a change to many at once)"],
  ["Shift + click", "Select every ticket between the last one selected and this one"],
  ["s", "Snooze the ticket until a time"],
  ["/", "Search every ticket"],
  ["Esc", "Leave the text box, then the ticket; back to the list"],
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
      <div className="mt-4 space-y-2 text-sm text-slate-600">
        <p>Keys work when the cursor is not in a text box. A key runs only when pressed on its own: typing a sentence outside a text box runs nothing, and nothing you type lands in a box a key opened.</p>
        <p>Closing a ticket, by key or with the Close button, shows Undo for a few seconds; Undo reopens it with the assignee it had.</p>
        <p>Esc puts the focus on the ticket’s row in the list.</p>
        <p>With tickets selected, assign, close or reopen them all at once from the bar above the list; “Select all matching” takes every ticket of the view and search, loaded or not. Undo puts each ticket back as it was.</p>
        <p>
          Search covers every view and shows how many tickets it found in each; pick a view to narrow. Use “quoted phrases” and the filters tag:, status:open or
          status:closed, assignee:me (a name, an email or none), integration: (a name) and from: (a number in any format).
        </p>
      </div>
      <div className="mt-6 flex justify-end">
        <Button variant="secondary" onClick={onClose} autoFocus>
          Close
        </Button>
      </div>
    </dialog>
  );
}
