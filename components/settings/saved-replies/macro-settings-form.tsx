"use client";

import { useId, useState, useTransition } from "react";
import { saveMacroSettingsAction } from "@/lib/saved-replies/actions";
import { FormMessage } from "@/components/ui/field";

/** "Agents may create their own macros": saved as soon as it is ticked or cleared. */
export function MacroSettingsForm({ agentsCreateOwn }: { agentsCreateOwn: boolean }) {
  const [checked, setChecked] = useState(agentsCreateOwn);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const id = useId();
  function change(next: boolean) {
    setChecked(next);
    setMessage(null);
    startTransition(async () => {
      const result = await saveMacroSettingsAction({ agentsCreateOwn: next });
      if (result.ok) setMessage({ text: next ? "Agents may now create their own macros, under Your account → Your macros." : "Agents can no longer create or change their own macros.", tone: "success" });
      else {
        setChecked(!next);
        setMessage({ text: result.message, tone: "error" });
      }
    });
  }
  return (
    <div className="mb-6 space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex items-start gap-3">
        <input id={id} type="checkbox" className="mt-1" checked={checked} disabled={pending} onChange={(event) => change(event.target.checked)} aria-describedby={`${id}-hint`} />
        <div>
          <label htmlFor={id} className="text-sm font-medium text-slate-900">
            Agents may create their own macros
          </label>
          <p id={`${id}-hint`} className="text-sm text-slate-600">
            An agent&apos;s own saved replies and macros are seen and used by them only (admins see them here). Turned off, agents keep using the ones they made, and may delete them.
          </p>
        </div>
      </div>
      <div aria-live="polite">
        <FormMessage message={message?.text} tone={message?.tone} />
      </div>
    </div>
  );
}
