"use client";

import { useId, useRef } from "react";
import { inputClass } from "@/components/ui/field";
import { checkAutoReplyText, type ReplyTarget } from "@/lib/rules/reply-check";
import { composerCounter } from "@/lib/sms/counter";

const PLACEHOLDERS = [
  { token: "{{customer.name}}", label: "Insert customer name" },
  { token: "{{integration.name}}", label: "Insert integration name" },
];

/**
 * The auto-reply's text box, with the composer's counter (counting room for a customer's
 * name) and the messaging policy check, both as the server will apply them on save.
 */
export function ReplyField({ value, onChange, chosen, all, error }: {
  value: string;
  onChange: (text: string) => void;
  chosen: ReplyTarget[];
  all: ReplyTarget[];
  error?: string;
}) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const check = checkAutoReplyText(value, { chosen, all });
  // The composer's own counter, on the reply as long as it can get once names are filled in.
  const counter = composerCounter(check.longest, check.limit);
  const problem = value.trim() && !check.ok ? check.message : null;
  const shownError = error ?? problem;

  function insert(token: string) {
    const element = area.current;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Auto-reply text
      </label>
      <textarea
        id={id}
        ref={area}
        rows={3}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className={inputClass}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={`${id}-counter ${id}-hint${shownError ? ` ${id}-error` : ""}`}
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex gap-2">
          {PLACEHOLDERS.map((placeholder) => (
            <button key={placeholder.token} type="button" onClick={() => insert(placeholder.token)} className="rounded bg-slate-100 px-2 py-1 text-xs text-slate-700 hover:bg-slate-200">
              {placeholder.label}
            </button>
          ))}
        </div>
        <p id={`${id}-counter`} className={`text-xs tabular-nums ${counter.over ? "font-medium text-red-700" : "text-slate-500"}`}>
          <span className="sr-only">Length: </span>
          {counter.summary}
        </p>
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        An unknown name reads “there” (customer) or “our shop” (integration); choose another with {"{{customer.name|friend}}"}. The counter keeps room for a
        20-character name.
        {counter.unicodeHint ? ` ${counter.unicodeHint}` : ""}
      </p>
      {shownError ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
          {shownError}
        </p>
      ) : null}
    </div>
  );
}
