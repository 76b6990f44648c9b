import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { recordEvent } from "@/db/queries/events";
import { claimMacroRun, getSavedReply } from "@/db/queries/saved-replies";
import { addTagToTicket, removeTagFromTicket } from "@/db/queries/tags";
import { updateTicket } from "@/db/queries/tickets";
import { getUserById } from "@/db/queries/users";
import { tags, type SavedReply, type Ticket, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { getBusinessHours } from "@/lib/rules/store";
import { storedMacroActions, type MacroAction } from "@/lib/saved-replies/macro";
import { TICKET_EVENTS } from "./events";
import { snoozePresets } from "./snooze-presets";

/** A macro the agent applied in the composer: which one, and the id of this application (a retry sends the same). */
export interface MacroApplication {
  savedReplyId: string;
  runId: string;
  /** The agent's browser time zone, where "tomorrow morning" begins without business hours. */
  timeZone?: string;
}

export interface ReadyMacro {
  macro: SavedReply;
  actions: MacroAction[];
  closes: boolean;
  snoozes: boolean;
}

const GONE = "This macro no longer exists, or is not yours to use. Remove it from the reply and apply it again.";

/**
 * The macro, checked before anything changes: the agent may use it (everyone's, or their
 * own), its tags are there (held until the transaction ends, taken before the ticket as an
 * admin's rename takes them) and the agent it assigns to can take tickets. A refusal says
 * what to fix and leaves the ticket as it was.
 */
export async function prepareMacro(tx: Transaction, savedReplyId: string, actor: User): Promise<ReadyMacro> {
  const macro = await getSavedReply({ db: tx, id: savedReplyId });
  if (!macro || (macro.ownerId !== null && macro.ownerId !== actor.id)) throw new AppError("not_found", GONE);
  const actions = storedMacroActions(macro.actions);
  for (const action of actions) {
    if (action.type === "add_tag" || action.type === "remove_tag") {
      const [held] = await tx.select({ id: tags.id }).from(tags).where(eq(tags.name, action.tag)).for("key share");
      if (!held) throw new AppError("conflict", `The macro “${macro.title}” uses the tag “${action.tag}”, which no longer exists. Nothing was changed. Ask an admin to fix the macro.`);
    }
    if (action.type === "assign" && action.to === "agent") {
      const agent = await getUserById({ db: tx, id: action.userId! });
      if (!agent?.active) {
        throw new AppError("conflict", `The macro “${macro.title}” assigns to ${agent ? agent.name : "an agent no longer here"}, who is deactivated. Nothing was changed. Ask an admin to fix the macro.`);
      }
    }
  }
  return { macro, actions, closes: actions.some((a) => a.type === "close"), snoozes: actions.some((a) => a.type === "snooze") };
}

/** False when this application ran already (a retried send or Apply): its actions must not run twice. */
export async function claimMacro(tx: Transaction, application: MacroApplication, ticket: Ticket, actor: User): Promise<boolean> {
  return claimMacroRun({ tx, run: { id: application.runId, savedReplyId: application.savedReplyId, ticketId: ticket.id, userId: actor.id } });
}

async function assignFor(tx: Transaction, ticket: Ticket, action: Extract<MacroAction, { type: "assign" }>, actor: User, by: Record<string, unknown>): Promise<boolean> {
  const assignee = action.to === "nobody" ? null : action.to === "sender" ? actor : await getUserById({ db: tx, id: action.userId! });
  if ((assignee?.id ?? null) === ticket.assigneeId) return false;
  await updateTicket({ db: tx, id: ticket.id, changes: { assigneeId: assignee?.id ?? null } });
  await recordEvent({
    db: tx,
    ticketId: ticket.id,
    type: assignee ? TICKET_EVENTS.assigned : TICKET_EVENTS.unassigned,
    actorId: actor.id,
    data: assignee ? { assigneeId: assignee.id, assigneeName: assignee.name, ...by } : by,
  });
  if (assignee) await publishInboxEvent({ db: tx, event: { type: "ticket.assigned", ticketId: ticket.id, assigneeId: assignee.id, actorId: actor.id } });
  return true;
}

async function snoozeFor(tx: Transaction, ticket: Ticket, preset: string, actor: User, timeZone: string, by: Record<string, unknown>): Promise<void> {
  const now = new Date();
  const until = snoozePresets({ now, hours: await getBusinessHours({ db: tx }), timeZone }).find((choice) => choice.id === preset)!.until;
  const stamp = until.toISOString();
  await updateTicket({ db: tx, id: ticket.id, changes: { snoozedUntil: until } });
  await enqueueJob({ db: tx, job: { kind: "ticket.wake", payload: { ticketId: ticket.id, until: stamp }, runAt: until, dedupeKey: `wake:${ticket.id}:${stamp}` } });
  await recordEvent({ db: tx, ticketId: ticket.id, type: TICKET_EVENTS.snoozed, actorId: actor.id, data: { until: stamp, ...by } });
}

function validTimeZone(zone: string | undefined): string {
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

/**
 * Runs a macro's tag, assign and snooze actions on a locked, open ticket, each on the timeline
 * with the macro's title, and tells every open inbox. Closing is the caller's (a reply closes
 * after its message is stored). The ticket as it was before is passed in.
 */
export async function runMacroActions(tx: Transaction, { ticket, ready, actor, timeZone }: { ticket: Ticket; ready: ReadyMacro; actor: User; timeZone?: string }): Promise<void> {
  const by = { macro: ready.macro.title };
  let changed = false;
  for (const action of ready.actions) {
    if (action.type === "add_tag" && (await addTagToTicket({ db: tx, ticketId: ticket.id, name: action.tag }))) {
      await recordEvent({ db: tx, ticketId: ticket.id, type: TICKET_EVENTS.tagAdded, actorId: actor.id, data: { tag: action.tag, ...by } });
      changed = true;
    } else if (action.type === "remove_tag" && (await removeTagFromTicket({ db: tx, ticketId: ticket.id, name: action.tag }))) {
      await recordEvent({ db: tx, ticketId: ticket.id, type: TICKET_EVENTS.tagRemoved, actorId: actor.id, data: { tag: action.tag, ...by } });
      changed = true;
    } else if (action.type === "assign") {
      changed = (await assignFor(tx, ticket, action, actor, by)) || changed;
    } else if (action.type === "snooze") {
      await snoozeFor(tx, ticket, action.preset, actor, validTimeZone(timeZone), by);
      changed = true;
    }
  }
  if (changed) await publishInboxEvent({ db: tx, event: { type: "ticket.updated", ticketId: ticket.id } });
}
