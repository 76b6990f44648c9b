import type { BulkStepView } from "./validation";

const n = (count: number) => count.toLocaleString("en-US");
const tickets = (count: number) => `${n(count)} ticket${count === 1 ? "" : "s"}`;

/** Under way: "Closing 1,000 tickets…", "Assigning 12 tickets to Ann…". */
export function stepRunning(step: Pick<BulkStepView, "action" | "undoneAction" | "assigneeId" | "total">, agentName: (id: string) => string): string {
  switch (step.action) {
    case "close":
      return `Closing ${tickets(step.total)}…`;
    case "reopen":
      return `Reopening ${tickets(step.total)}…`;
    case "assign":
      return step.assigneeId ? `Assigning ${tickets(step.total)} to ${agentName(step.assigneeId)}…` : `Unassigning ${tickets(step.total)}…`;
    case "undo":
      return `Undoing on ${tickets(step.total)}…`;
  }
}

/** Finished: "Closed 1,000 tickets", with what it left alone and why. */
export function stepDone(step: Pick<BulkStepView, "action" | "undoneAction" | "assigneeId" | "changed" | "total" | "skipped" | "skippedReasons">, agentName: (id: string) => string): string {
  const changed = step.changed;
  let text: string;
  switch (step.action) {
    case "close":
      text = `Closed ${tickets(changed)}`;
      break;
    case "reopen":
      text = `Reopened ${tickets(changed)}`;
      break;
    case "assign":
      text = step.assigneeId ? `Assigned ${tickets(changed)} to ${agentName(step.assigneeId)}` : `Unassigned ${tickets(changed)}`;
      break;
    case "undo":
      text = `Undone on ${tickets(changed)}`;
      break;
  }
  const unchanged = step.total - step.changed - step.skipped;
  const parts = [text];
  if (unchanged > 0) parts.push(`${n(unchanged)} already ${alreadyWord(step)}`);
  if (step.skipped > 0) parts.push(`${n(step.skipped)} skipped: ${step.skippedReasons.map((r) => `${r.reason.charAt(0).toLowerCase()}${r.reason.slice(1)} (${n(r.count)})`).join("; ")}`);
  return parts.join(" · ");
}

function alreadyWord(step: Pick<BulkStepView, "action" | "undoneAction">): string {
  const action = step.action === "undo" ? null : step.action;
  if (action === "close") return "closed";
  if (action === "reopen") return "open";
  if (action === "assign") return "had that assignee";
  return "as they were";
}
