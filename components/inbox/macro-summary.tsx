"use client";

import { Button } from "@/components/ui/button";

/** A macro applied in the composer, waiting for Send (or Apply): a new runId each time it is applied. */
export interface AppliedMacro {
  id: string;
  title: string;
  summary: string;
  runId: string;
}

/** A version 4 UUID; crypto.randomUUID exists only on secure pages (HTTPS or localhost). */
function randomId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function newMacroRun(reply: { id: string; title: string; summary: string }): AppliedMacro {
  return { id: reply.id, title: reply.title, summary: reply.summary, runId: randomId() };
}

/**
 * What Send will do besides sending: "Will add tag vip · assign to you · close", with a button
 * that takes the actions off (the text stays). A macro without text has Apply instead of Send.
 */
export function MacroSummary({
  id,
  macro,
  canApply,
  pending,
  onApply,
  onRemove,
}: {
  id: string;
  macro: AppliedMacro;
  canApply: boolean;
  pending: boolean;
  onApply: () => void;
  onRemove: () => void;
}) {
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 rounded-md bg-brand-50 px-3 py-2 text-sm text-slate-800 ring-1 ring-brand-200" role="group" aria-label={`Macro “${macro.title}”`}>
      <p id={id} aria-live="polite" className="min-w-0 flex-1">
        <span className="font-medium">Will {macro.summary}</span>
        <span className="text-slate-600">
          {" "}
          {canApply ? "when you press Apply" : "when you send"} (macro “{macro.title}”)
        </span>
      </p>
      {canApply ? (
        <Button onClick={onApply} disabled={pending} aria-describedby={id}>
          {pending ? "Applying…" : "Apply"}
        </Button>
      ) : null}
      <Button variant="secondary" onClick={onRemove} disabled={pending} aria-label={`Remove the actions of macro “${macro.title}”`}>
        Remove actions
      </Button>
    </div>
  );
}
