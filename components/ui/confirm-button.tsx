"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "./button";

/** A destructive action behind a confirmation dialog (a real <dialog>, so focus and Escape work). */
export function ConfirmButton({
  label,
  buttonText,
  confirmText,
  description,
  disabled,
  onConfirm,
  variant = "danger",
}: {
  label: string;
  buttonText: string;
  confirmText: string;
  description: string;
  disabled?: boolean;
  onConfirm: () => void;
  variant?: "danger" | "secondary";
}) {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <>
      <Button variant={variant === "danger" ? "secondary" : variant} aria-label={label} disabled={disabled} onClick={() => setOpen(true)}>
        {buttonText}
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className="m-auto w-full max-w-md rounded-lg p-6 text-left shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {label}?
        </h2>
        <p className="mt-2 text-sm text-slate-600">{description}</p>
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
            Cancel
          </Button>
          <Button
            variant={variant}
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {confirmText}
          </Button>
        </div>
      </dialog>
    </>
  );
}
