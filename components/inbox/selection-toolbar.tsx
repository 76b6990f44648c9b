"use client";

import { useState } from "react";
import type { BulkAction, BulkStepRequest } from "@/lib/bulk/validation";
import { stepDone, stepRunning, type Words } from "@/lib/bulk/words";
import type { BusinessHours } from "@/lib/rules/business-hours";
import type { AgentOption } from "@/lib/tickets/options";
import type { InboxFilters } from "@/lib/tickets/validation";
import { Button } from "@/components/ui/button";
import { BulkSnoozePicker, BulkTagForm } from "./bulk-controls";
import { wakeTime } from "./format";
import type { BulkStepState } from "./use-bulk-step";
import type { TicketSelection } from "./use-selection";

interface Props {
  me: { id: string; name: string };
  agents: AgentOption[];
  filters: InboxFilters;
  selection: TicketSelection;
  bulk: BulkStepState;
  /** How many tickets the list holds in all ("1,000+" past the closed count's cap); null while unknown. */
  matching: { count: number; label: string } | null;
  /** Business hours, where the snooze choices "tomorrow" and "next Monday" begin. */
  hours: BusinessHours | null;
}

type Pending =
  | { action: "close" }
  | { action: "reopen" }
  | { action: "assign"; assigneeId: string | null }
  | { action: "tag" | "untag"; tag: string }
  | { action: "snooze"; until: string };

const VERB: Record<BulkAction, string> = { close: "Close", reopen: "Reopen", assign: "Assign", tag: "Tag", untag: "Untag", snooze: "Snooze" };

/** The question asked before a step on every matching ticket. */
function question(pending: Pending, all: string, words: Words): string {
  switch (pending.action) {
    case "assign":
      return pending.assigneeId ? `Assign all ${all} matching tickets to ${words.agentName(pending.assigneeId)}?` : `Unassign all ${all} matching tickets?`;
    case "tag":
      return `Tag all ${all} matching tickets “${pending.tag}”?`;
    case "untag":
      return `Remove the tag “${pending.tag}” from all ${all} matching tickets?`;
    case "snooze":
      return `Snooze all ${all} matching tickets until ${words.time(pending.until)}?`;
    default:
      return `${VERB[pending.action]} all ${all} matching tickets?`;
  }
}

/**
 * Above the ticket list while tickets are checked: what to do to all of them at once, then
 * how far it has got, what it did and Undo.
 */
export function SelectionToolbar({ me, agents, filters, selection, bulk, matching, hours }: Props) {
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const words: Words = { agentName: (id) => (id === me.id ? "you" : (agents.find((agent) => agent.id === id)?.name ?? "an agent")), time: (iso) => wakeTime(iso) };
  const selectedLabel = selection.allMatching ? (matching?.label ?? "all") : selection.ids.length.toLocaleString("en-US");

  function run(pending: Pending) {
    const request: BulkStepRequest = {
      ...pending,
      selection: selection.allMatching ? { matching: { view: filters.view, integration: filters.integration, tag: filters.tag, q: filters.q } } : { ticketIds: selection.ids },
    };
    setConfirming(null);
    bulk.start(request, selection.clear);
  }
  // Every ticket matching, most of them not even on screen: asked once more before it goes.
  const choose = (pending: Pending) => (selection.allMatching ? setConfirming(pending) : run(pending));
  const step = bulk.step;

  if (!selection.active && !step && !bulk.error) return null;
  return (
    <section aria-label="Selected tickets" className="space-y-2 border-b border-slate-200 bg-brand-50/60 p-3 text-sm">
      {selection.active ? (
        <>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span role="status" className="font-medium text-slate-900">
              {selection.allMatching ? `All ${selectedLabel} matching tickets selected` : `${selectedLabel} selected`}
            </span>
            {!selection.allMatching && matching && matching.count > selection.ids.length ? (
              <button type="button" onClick={selection.selectAllMatching} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                Select all {matching.label} matching
              </button>
            ) : null}
            <button type="button" onClick={selection.clear} className="text-slate-600 underline-offset-2 hover:underline">
              Clear selection
            </button>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor="bulk-assignee" className="sr-only">
              Assign the selected tickets to
            </label>
            <select
              id="bulk-assignee"
              value=""
              disabled={bulk.starting}
              onChange={(event) => {
                const value = event.target.value;
                if (value) choose({ action: "assign", assigneeId: value === "none" ? null : value });
              }}
              className="rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
            >
              <option value="">Assign to…</option>
              <option value="none">Nobody (unassign)</option>
              {agents.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.id === me.id ? `${agent.name} (me)` : agent.name}
                </option>
              ))}
            </select>
            <Button variant="secondary" className="px-2.5 py-1.5" disabled={bulk.starting} onClick={() => choose({ action: "close" })}>
              Close
            </Button>
            <Button variant="secondary" className="px-2.5 py-1.5" disabled={bulk.starting} onClick={() => choose({ action: "reopen" })}>
              Reopen
            </Button>
            <BulkTagForm disabled={bulk.starting} onTag={(action, tag) => choose({ action, tag })} />
            <BulkSnoozePicker disabled={bulk.starting} hours={hours} onSnooze={(until) => choose({ action: "snooze", until })} />
          </div>
          {confirming ? (
            <div role="group" aria-label="Confirm" className="flex flex-wrap items-center gap-2 rounded-md bg-white p-2 ring-1 ring-amber-300">
              <span className="text-slate-800">{question(confirming, selectedLabel, words)}</span>
              <Button className="px-2.5 py-1" onClick={() => run(confirming)} autoFocus>
                {confirming.action === "untag" ? "Remove it" : `${VERB[confirming.action]} them`}
              </Button>
              <Button variant="ghost" className="px-2.5 py-1" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
      {bulk.starting ? <p role="status">Starting…</p> : null}
      {step ? (
        step.status === "running" ? (
          <div className="space-y-1">
            <p className="flex justify-between gap-2 text-slate-800">
              <span>{stepRunning(step, words)}</span>
              <span className="tabular-nums text-slate-600">
                {step.done.toLocaleString("en-US")} of {step.total.toLocaleString("en-US")}
              </span>
            </p>
            <div role="progressbar" aria-label="Progress" aria-valuemin={0} aria-valuemax={step.total} aria-valuenow={step.done} className="h-1.5 overflow-hidden rounded bg-white ring-1 ring-slate-200">
              <div className="h-full bg-brand-600 motion-safe:transition-[width]" style={{ width: `${step.total ? Math.round((step.done / step.total) * 100) : 0}%` }} />
            </div>
          </div>
        ) : (
          <div className="flex items-start gap-2">
            <p role="status" className={`flex-1 ${step.status === "failed" ? "text-red-700" : "text-slate-800"}`}>
              {step.status === "failed" ? step.error : stepDone(step, words)}
              {step.canUndo ? (
                <>
                  {" · "}
                  <button type="button" onClick={bulk.undo} disabled={bulk.undoing} aria-keyshortcuts="z" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                    {bulk.undoing ? "Undoing…" : "Undo"}
                  </button>
                </>
              ) : null}
            </p>
            <button type="button" onClick={bulk.dismiss} aria-label="Dismiss" className="rounded px-1.5 text-slate-500 hover:bg-white">
              ×
            </button>
          </div>
        )
      ) : null}
      {bulk.error ? (
        <p role="alert" className="text-red-700">
          {bulk.error}
        </p>
      ) : null}
    </section>
  );
}
