import type { BulkStepView } from "./validation";

const n = (count: number) => count.toLocaleString("en-US");
const tickets = (count: number) => `${n(count)} ticket${count === 1 ? "" : "s"}`;

type Named = Pick<BulkStepView, "action" | "undoneAction" | "assigneeId" | "tag" | "until">;
/** How names and times read in the agent's browser: an agent's name by id, an instant on their clock. */
export interface Words {
  agentName: (id: string) => string;
  time: (iso: string) => string;
}

/** Under way: "Closing 1,000 tickets…", "Assigning 12 tickets to Ann…", "Tagging 3 tickets “vip”…". */
export function stepRunning(step: Named & Pick<BulkStepView, "total">, words: Words): string {
  const all = tickets(step.total);
  switch (step.action) {
    case "close":
      return `Closing ${all}…`;
    case "reopen":
      return `Reopening ${all}…`;
    case "assign":
      return step.assigneeId ? `Assigning ${all} to ${words.agentName(step.assigneeId)}…` : `Unassigning ${all}…`;
    case "tag":
      return `Tagging ${all} “${step.tag}”…`;
    case "untag":
      return `Removing “${step.tag}” from ${all}…`;
    case "snooze":
      return `Snoozing ${all} until ${step.until ? words.time(step.until) : "later"}…`;
    case "undo":
      return `Undoing on ${all}…`;
  }
}

function doneText(step: Named, count: number, words: Words): string {
  const changed = tickets(count);
  switch (step.action) {
    case "close":
      return `Closed ${changed}`;
    case "reopen":
      return `Reopened ${changed}`;
    case "assign":
      return step.assigneeId ? `Assigned ${changed} to ${words.agentName(step.assigneeId)}` : `Unassigned ${changed}`;
    case "tag":
      return `Tagged ${changed} “${step.tag}”`;
    case "untag":
      return `Removed “${step.tag}” from ${changed}`;
    case "snooze":
      return `Snoozed ${changed} until ${step.until ? words.time(step.until) : "later"}`;
    case "undo":
      return `Undone on ${changed}`;
  }
}

/** Finished: "Closed 1,000 tickets", with what it left alone and why. */
export function stepDone(step: Named & Pick<BulkStepView, "changed" | "total" | "skipped" | "skippedReasons">, words: Words): string {
  const unchanged = step.total - step.changed - step.skipped;
  const parts = [doneText(step, step.changed, words)];
  if (unchanged > 0) parts.push(`${n(unchanged)} already ${alreadyWord(step)}`);
  if (step.skipped > 0) parts.push(`${n(step.skipped)} skipped: ${step.skippedReasons.map((r) => `${r.reason.charAt(0).toLowerCase()}${r.reason.slice(1)} (${n(r.count)})`).join("; ")}`);
  return parts.join(" · ");
}

function alreadyWord(step: Pick<BulkStepView, "action">): string {
  switch (step.action) {
    case "close":
      return "closed";
    case "reopen":
      return "open";
    case "assign":
      return "had that assignee";
    case "tag":
      return "had that tag";
    case "untag":
      return "without that tag";
    case "snooze":
      return "snoozed until then";
    default:
      return "as they were";
  }
}
