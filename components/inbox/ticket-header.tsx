"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import type { TicketViewer } from "@/lib/presence/types";
import type { AgentOption } from "@/lib/tickets/options";
import type { TicketView } from "@/lib/tickets/view";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { inboxApi } from "./api";
import { TicketTags } from "./ticket-tags";
import { SnoozeControl, type SnoozeProps } from "./snooze-control";

type Action = Parameters<typeof inboxApi.act>[1];

interface Props {
  view: TicketView;
  me: { id: string; name: string };
  agents: AgentOption[];
  act: UseMutationResult<{ ok: true }, Error, Action>;
  /** Other agents with this ticket open now. */
  viewers: TicketViewer[];
  onClose: () => void;
  closing: boolean;
  /** Narrow screens: the customer panel is shown on demand. */
  customerPanelOpen: boolean;
  onToggleCustomerPanel: () => void;
  /** Phones: the list is hidden while a ticket is open; this leads back to it. */
  listHref: string;
  onBackToList: () => void;
  snooze: SnoozeProps;
}

export function TicketHeader({ view, me, agents, act, viewers, onClose, closing, customerPanelOpen, onToggleCustomerPanel, listHref, onBackToList, snooze }: Props) {
  const { ticket, customer, integration } = view;
  const open = ticket.status === "open";
  return (
    <header className="border-b border-slate-200 bg-white px-4 py-3">
      <a
        href={listHref}
        onClick={(event) => {
          event.preventDefault();
          onBackToList();
        }}
        className="mb-2 inline-block text-sm font-medium text-brand-700 md:hidden"
      >
        ← All tickets
      </a>
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-[14rem] flex-1">
          <h2 className="truncate text-base font-semibold text-slate-900">
            {customer.flag ? (
              <span className="mr-1.5" role="img" aria-label={customer.countryName ?? undefined}>
                {customer.flag}
              </span>
            ) : null}
            {customer.label}
          </h2>
          <p className="truncate text-xs text-slate-500">
            {customer.name ? `${customer.phoneDisplay} · ` : ""}
            {integration.name} ({integration.phoneDisplay})
          </p>
        </div>
        <TicketTags ticketId={ticket.id} tags={ticket.tags} />
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${open ? "bg-green-50 text-green-800" : "bg-slate-100 text-slate-600"}`}>{open ? "Open" : "Closed"}</span>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="ticket-assignee" className="text-sm text-slate-600">
            Assignee
          </label>
          <select
            id="ticket-assignee"
            value={ticket.assigneeId ?? ""}
            disabled={act.isPending}
            onChange={(event) => act.mutate({ action: "assign", assigneeId: event.target.value || null })}
            className="rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
          >
            <option value="">Unassigned</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.id === me.id ? `${agent.name} (me)` : agent.name}
              </option>
            ))}
          </select>
          {ticket.assigneeId !== me.id ? (
            <Button variant="secondary" disabled={act.isPending} onClick={() => act.mutate({ action: "assign", assigneeId: me.id })}>
              Assign to me
            </Button>
          ) : null}
          <Button variant="secondary" className="lg:hidden" aria-expanded={customerPanelOpen} aria-controls="customer-panel" onClick={onToggleCustomerPanel}>
            Customer
          </Button>
          {open ? <SnoozeControl snoozedUntil={ticket.snoozedUntil} act={act} {...snooze} /> : null}
          {open ? (
            <Button variant="secondary" disabled={act.isPending || closing} onClick={onClose} title="Close (e); Undo (z) for a few seconds after" aria-keyshortcuts="e">
              {closing ? "Closing…" : "Close"}
            </Button>
          ) : (
            <Button variant="secondary" disabled={act.isPending} onClick={() => act.mutate({ action: "reopen" })}>
              Reopen
            </Button>
          )}
        </div>
      </div>
      <Viewers viewers={viewers} />
      {act.isError ? (
        <div className="mt-2">
          <FormMessage message={act.error.message} />
        </div>
      ) : null}
    </header>
  );
}

function Viewers({ viewers }: { viewers: TicketViewer[] }) {
  return (
    <p role="status" aria-label="Also on this ticket" className={viewers.length ? "mt-2 flex flex-wrap gap-1.5 text-xs" : "sr-only"}>
      {viewers.map((viewer) => (
        <span key={viewer.userId} className={`rounded-full px-2 py-0.5 ${viewer.typing ? "bg-amber-100 text-amber-900" : "bg-sky-50 text-sky-900"}`}>
          {viewer.typing ? `${viewer.name} is typing a reply…` : `${viewer.name} is viewing`}
        </span>
      ))}
    </p>
  );
}
