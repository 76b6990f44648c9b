"use client";

import Link from "next/link";
import { useEffect, useOptimistic, useState, useTransition } from "react";
import { deleteRuleAction, duplicateRuleAction, moveRuleAction, setRuleEnabledAction } from "@/lib/rules/actions";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { FormMessage } from "@/components/ui/field";

export interface RuleRow {
  id: string;
  name: string;
  enabled: boolean;
  summary: string;
}

type Result = { ok: true } | { ok: false; message: string };

/** The rules in run order, each with its switch, move, edit, duplicate and delete controls. */
export function RuleList({ rules }: { rules: RuleRow[] }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  // The switch flips at once; the server's answer (or a refusal) settles it.
  const [enabled, setEnabled] = useOptimistic<Record<string, boolean>, { id: string; enabled: boolean }>(
    Object.fromEntries(rules.map((rule) => [rule.id, rule.enabled])),
    (current, change) => ({ ...current, [change.id]: change.enabled }),
  );
  const [focusAfterMove, setFocusAfterMove] = useState<{ id: string; direction: "up" | "down" } | null>(null);

  // A moved rule keeps keyboard focus on its move button, so Up, Up, Up works without the mouse.
  useEffect(() => {
    if (!focusAfterMove || pending) return;
    const { id, direction } = focusAfterMove;
    const same = document.getElementById(`move-${direction}-${id}`) as HTMLButtonElement | null;
    const other = document.getElementById(`move-${direction === "up" ? "down" : "up"}-${id}`) as HTMLButtonElement | null;
    (same && !same.disabled ? same : other)?.focus();
  }, [focusAfterMove, pending, rules]);

  function run(action: () => Promise<Result>, success?: string, optimistic?: () => void) {
    setMessage(null);
    startTransition(async () => {
      optimistic?.();
      const result = await action();
      setMessage(result.ok ? (success ? { text: success, tone: "success" } : null) : { text: result.message, tone: "error" });
    });
  }

  return (
    <div className="space-y-3">
      <FormMessage message={message?.text} tone={message?.tone} />
      <ol aria-label="Rules in run order" className="space-y-3">
        {rules.map((rule, index) => (
          <li key={rule.id} aria-label={rule.name} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <div className="flex flex-wrap items-start gap-4">
              <span className="mt-0.5 w-6 shrink-0 text-sm font-semibold text-slate-400" aria-hidden>
                {index + 1}.
              </span>
              <div className="min-w-0 flex-1">
                <h2 className="font-medium text-slate-900">
                  {rule.name}
                  {(enabled[rule.id] ?? rule.enabled) ? null : <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-normal text-slate-600">Disabled</span>}
                </h2>
                <p className="mt-1 text-sm text-slate-600">{rule.summary}</p>
              </div>
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  role="switch"
                  className="size-4 rounded border-slate-300"
                  checked={enabled[rule.id] ?? rule.enabled}
                  disabled={pending}
                  aria-label={`${rule.name} enabled`}
                  onChange={(event) => {
                    const on = event.target.checked;
                    run(
                      () => setRuleEnabledAction({ id: rule.id, enabled: on }),
                      `“${rule.name}” ${on ? "enabled" : "disabled"}.`,
                      () => setEnabled({ id: rule.id, enabled: on }),
                    );
                  }}
                />
                Enabled
              </label>
            </div>
            <div className="mt-3 flex flex-wrap gap-2 pl-10">
              {(["up", "down"] as const).map((direction) => (
                <Button
                  key={direction}
                  id={`move-${direction}-${rule.id}`}
                  variant="ghost"
                  aria-label={`Move ${rule.name} ${direction}`}
                  disabled={pending || (direction === "up" ? index === 0 : index === rules.length - 1)}
                  onClick={() => {
                    setFocusAfterMove({ id: rule.id, direction });
                    run(() => moveRuleAction({ id: rule.id, direction }));
                  }}
                >
                  {direction === "up" ? "↑ Up" : "↓ Down"}
                </Button>
              ))}
              <Link href={`/settings/rules/${rule.id}`} className={buttonClass("secondary")} aria-label={`Edit ${rule.name}`}>
                Edit
              </Link>
              <Button variant="secondary" disabled={pending} aria-label={`Duplicate ${rule.name}`} onClick={() => run(() => duplicateRuleAction({ id: rule.id }), `Copied “${rule.name}”. The copy is disabled until you enable it.`)}>
                Duplicate
              </Button>
              <ConfirmButton
                label={`Delete ${rule.name}`}
                buttonText="Delete"
                confirmText="Delete rule"
                description={`“${rule.name}” stops running at once. Messages it already sent stay on their tickets.`}
                disabled={pending}
                onConfirm={() => run(() => deleteRuleAction({ id: rule.id }), `Deleted “${rule.name}”.`)}
              />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
