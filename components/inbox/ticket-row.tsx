"use client";

import type { InboxItem } from "@/lib/tickets/inbox";
import { previewLine } from "@/lib/tickets/preview";
import type { WaitingClock } from "@/lib/tickets/waiting";
import { fullTime, listTime, wakeTime } from "./format";
import { TagChips } from "./tag-chips";
import { WaitingChip } from "./waiting-chip";

interface Props {
  ticket: InboxItem;
  meId: string;
  selected: boolean;
  href: string;
  onOpen: () => void;
  /** Checked for a step on many tickets; `range`: shift was held, so every ticket from the last one checked. */
  check?: { checked: boolean; onToggle: (range: boolean) => void };
  /** How waits are counted (business hours) and the first-response target. */
  clock: WaitingClock;
  now: number;
}

export function TicketRow({ ticket, meId, selected, href, onOpen, check, clock, now }: Props) {
  return (
    <li className={`flex items-stretch ${check?.checked ? "bg-brand-50/60" : ""}`}>
      {check ? (
        <span className="flex shrink-0 items-start pl-3 pt-3">
          <input
            type="checkbox"
            checked={check.checked}
            onChange={(event) => check.onToggle((event.nativeEvent as MouseEvent).shiftKey === true)}
            aria-label={`Select ${ticket.customer.label}`}
            className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
          />
        </span>
      ) : null}
      <a
        href={href}
        data-ticket-id={ticket.id}
        aria-current={selected ? "page" : undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          onOpen();
        }}
        className={`block min-w-0 flex-1 px-3 py-2.5 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500 ${selected ? "bg-brand-50" : "hover:bg-slate-50"}`}
      >
        <div className="flex items-baseline gap-2">
          {ticket.unread ? (
            <span className="h-2 w-2 shrink-0 self-center rounded-full bg-brand-600">
              <span className="sr-only">Unread</span>
            </span>
          ) : null}
          <span className={`min-w-0 flex-1 truncate text-sm ${ticket.unread ? "font-semibold text-slate-900" : "text-slate-800"}`}>
            {ticket.customer.flag ? (
              <span className="mr-1" role="img" aria-label={ticket.customer.countryName ?? undefined}>
                {ticket.customer.flag}
              </span>
            ) : null}
            {ticket.customer.label}
          </span>
          <time dateTime={ticket.lastMessageAt} className="shrink-0 text-xs text-slate-600" suppressHydrationWarning>
            {listTime(ticket.lastMessageAt)}
          </time>
        </div>
        <p className={`mt-0.5 truncate text-sm ${ticket.unread ? "text-slate-800" : "text-slate-600"}`}>{previewLine(ticket, meId)}</p>
        {/* slate-600, not 500: the open ticket's row is tinted, and 500 on it is too faint to read (contrast under 4.5:1). */}
        <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
          <span>{ticket.assignee ? ticket.assignee.name : "Unassigned"}</span>
          <span aria-hidden>·</span>
          <span className="truncate">{ticket.integration.name}</span>
          {ticket.status === "closed" ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-600">Closed</span> : null}
          {ticket.hasDraft ? <span className="rounded bg-sky-50 px-1.5 py-0.5 font-medium text-sky-800">Draft</span> : null}
          {ticket.status === "open" && ticket.snoozedUntil ? (
            <time dateTime={ticket.snoozedUntil} title={fullTime(ticket.snoozedUntil)} className="rounded bg-violet-50 px-1.5 py-0.5 text-violet-800" suppressHydrationWarning>
              Snoozed until {wakeTime(ticket.snoozedUntil, new Date(now))}
            </time>
          ) : ticket.status === "open" && ticket.waitingSince ? (
            <WaitingChip since={ticket.waitingSince} clock={clock} now={now} />
          ) : null}
          {ticket.optedOut ? <span className="rounded bg-red-50 px-1.5 py-0.5 font-medium text-red-700">Opted out</span> : null}
          <TagChips tags={ticket.tags} />
        </div>
      </a>
    </li>
  );
}
