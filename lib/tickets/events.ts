/**
 * Timeline event types (events.type) and the data each carries. Inbound, rules and the
 * inbox all write these, so the ticket view can put each into words. A change made to many
 * tickets at once (lib/bulk) adds { bulkStepId } to the data, and { undo: true } for its Undo; one
 * a macro made (lib/tickets/macro.ts) adds { macro } (its title).
 */
export const TICKET_EVENTS = {
  /** data: { by: "customer" | "agent" } */
  created: "ticket.created",
  /** data: { assigneeId, assigneeName } */
  assigned: "ticket.assigned",
  unassigned: "ticket.unassigned",
  closed: "ticket.closed",
  /** data: { by?: "customer" } when a customer's message reopened it, { undo: true } when an agent undid closing it */
  reopened: "ticket.reopened",
  /** data: { keyword } */
  optedOut: "customer.opted_out",
  /** data: { keyword } */
  optedIn: "customer.opted_in",
  /** data: { ruleId, ruleName, messageId, matched, summary, done?, skipped? } — what a rule did, or why it did nothing */
  ruleRun: "rule.ran",
  /** data: { integrationName, reason } */
  integrationDeactivated: "integration.deactivated",
  /** data: { integrationName } */
  integrationReactivated: "integration.reactivated",
  /** data: { integrationName } */
  integrationDeleted: "integration.deleted",
  /** data: { category, label, matched, messageId } */
  policyOverride: "message.policy_override",
  /** data: { messageId } */
  messageRetried: "message.retried",
  /** data: { name } */
  customerRenamed: "customer.renamed",
  /** data: { tag }: an agent added the tag by hand (a rule's tags are in its rule.ran event) */
  tagAdded: "ticket.tag_added",
  /** data: { tag } */
  tagRemoved: "ticket.tag_removed",
  /** data: { until } (an ISO instant; the browser shows it in the agent's time zone) */
  snoozed: "ticket.snoozed",
  /** data: { until } — an agent woke it before its time */
  unsnoozed: "ticket.unsnoozed",
  /** data: { by: "customer" | "time", until } */
  woken: "ticket.woken",
} as const;

export interface TimelineEventInput {
  type: string;
  data: Record<string, unknown>;
  actorName: string | null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

// Events written before the name was kept have none: say "SMS integration" rather than “”.
function integrationLabel(data: Record<string, unknown>): string {
  const name = text(data.integrationName);
  return name ? `SMS integration “${name}”` : "SMS integration";
}

/**
 * One line of the timeline, in words, for any event type (unknown ones fall back to their
 * summary); a change a macro made says which: `data.macro` is its title.
 */
export function describeTicketEvent(event: TimelineEventInput): string {
  const macro = text(event.data.macro);
  const line = describeEvent(event);
  return macro ? `${line} (macro “${macro}”)` : line;
}

function describeEvent({ type, data, actorName }: TimelineEventInput): string {
  const who = actorName ?? "Someone";
  const keyword = text(data.keyword)?.toUpperCase();
  switch (type) {
    case TICKET_EVENTS.created:
      return data.by === "agent" ? `${who} started this conversation` : "Ticket created";
    case TICKET_EVENTS.assigned:
      return actorName && data.assigneeId && actorName === text(data.assigneeName)
        ? `${who} took this ticket`
        : `${actorName ? `${who} assigned` : "Assigned"} to ${text(data.assigneeName) ?? "an agent"}`;
    case TICKET_EVENTS.unassigned:
      return `${actorName ? `${who} unassigned` : "Unassigned"} this ticket`;
    case TICKET_EVENTS.closed:
      return actorName ? `${who} closed this ticket` : "Ticket closed";
    case TICKET_EVENTS.reopened:
      if (data.by === "customer" || !actorName) return "Reopened by a new message from the customer";
      return data.undo === true ? `${who} undid closing this ticket` : `${who} reopened this ticket`;
    case TICKET_EVENTS.optedOut:
      return `Customer unsubscribed by replying ${keyword ?? "STOP"}`;
    case TICKET_EVENTS.optedIn:
      return `Customer subscribed again by replying ${keyword ?? "START"}`;
    case TICKET_EVENTS.ruleRun:
      return `Rule “${text(data.ruleName) ?? "unnamed"}”: ${text(data.summary) ?? "ran"}`;
    case TICKET_EVENTS.integrationDeactivated:
      return `${integrationLabel(data)} deactivated${text(data.reason) ? `: ${text(data.reason)}` : ""}`;
    case TICKET_EVENTS.integrationReactivated:
      return `${integrationLabel(data)} reactivated; replies go out again`;
    case TICKET_EVENTS.integrationDeleted:
      return `${integrationLabel(data)} deleted; its number no longer sends or receives texts here`;
    case TICKET_EVENTS.policyOverride:
      return `${who} sent a message despite a messaging policy warning (${text(data.label) ?? "policy"})`;
    case TICKET_EVENTS.messageRetried:
      return `${who} retried a message that did not go through`;
    case TICKET_EVENTS.snoozed:
      return `${who} snoozed this ticket`;
    case TICKET_EVENTS.unsnoozed:
      return `${who} unsnoozed this ticket`;
    case TICKET_EVENTS.woken:
      return data.by === "customer" ? "Woke up: the customer wrote" : "Woke up: its snooze time came";
    case TICKET_EVENTS.customerRenamed:
      return `${who} renamed the customer to “${text(data.name) ?? ""}”`;
    case TICKET_EVENTS.tagAdded:
      return `${who} added the tag “${text(data.tag) ?? ""}”`;
    case TICKET_EVENTS.tagRemoved:
      return `${who} removed the tag “${text(data.tag) ?? ""}”`;
    default:
      return text(data.summary) ?? text(data.text) ?? type.replace(/[._]/g, " ");
  }
}

/**
 * A rule run that did nothing: its conditions did not match (its text says why), or every
 * action it had was skipped. Worth keeping, not worth attention: hidden behind "Show rule
 * activity". A rule that acted stays in the timeline.
 */
export function isQuietEvent({ type, data }: Pick<TimelineEventInput, "type" | "data">): boolean {
  if (type !== TICKET_EVENTS.ruleRun) return false;
  return data.matched === false || (Array.isArray(data.done) && data.done.length === 0);
}
