"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TicketView } from "@/lib/tickets/view";
import { Button } from "@/components/ui/button";
import { FormMessage, inputClass } from "@/components/ui/field";
import { inboxApi } from "./api";
import { listTime, shortDay } from "./format";
import { inboxKeys } from "./query-keys";

function NameEditor({ view }: { view: TicketView }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(view.customer.name ?? "");
  const rename = useMutation({
    mutationFn: () => inboxApi.renameCustomer(view.customer.id, name, view.ticket.id),
    onSuccess: () => setEditing(false),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: inboxKeys.tickets() }),
        queryClient.invalidateQueries({ queryKey: inboxKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: inboxKeys.thread(view.ticket.id) }),
      ]),
  });
  if (!editing) {
    return (
      <div className="flex items-start justify-between gap-2">
        <p className={view.customer.name ? "font-medium text-slate-900" : "italic text-slate-500"}>{view.customer.name ?? "No name yet"}</p>
        <Button
          variant="ghost"
          className="px-2 py-0.5 text-xs"
          onClick={() => {
            setName(view.customer.name ?? "");
            setEditing(true);
          }}
        >
          {view.customer.name ? "Edit name" : "Add name"}
        </Button>
      </div>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate();
      }}
    >
      <label htmlFor="customer-name" className="block text-xs font-medium text-slate-600">
        Customer name
      </label>
      <input id="customer-name" className={inputClass} value={name} maxLength={120} onChange={(event) => setName(event.target.value)} autoFocus />
      <FormMessage message={rename.error?.message} />
      <div className="flex gap-2">
        <Button type="submit" className="px-2 py-1 text-xs" disabled={rename.isPending}>
          Save name
        </Button>
        <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

interface Props {
  view: TicketView;
  hrefFor: (ticketId: string | null) => string;
  openTicket: (ticketId: string | null) => void;
  /** Below the large breakpoint the panel is hidden until the header's "Customer" opens it over the conversation. */
  open: boolean;
  onClose: () => void;
}

export function CustomerPanel({ view, hrefFor, openTicket, open, onClose }: Props) {
  const { customer, optOut } = view;
  const shown = open ? "fixed inset-y-0 right-0 z-30 block shadow-xl lg:static lg:z-auto lg:shadow-none" : "hidden lg:block";
  return (
    <aside id="customer-panel" aria-label="Customer" className={`${shown} w-72 shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-4 text-sm`}>
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Customer</h2>
        {open ? (
          <Button variant="ghost" className="px-2 py-1 text-xs lg:hidden" onClick={onClose}>
            Hide
          </Button>
        ) : null}
      </div>
      <NameEditor key={customer.id} view={view} />
      <dl className="mt-4 space-y-3">
        <div>
          <dt className="text-xs text-slate-500">Phone number</dt>
          <dd className="font-mono text-slate-900">{customer.phoneDisplay}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Country</dt>
          <dd>
            {customer.flag ? <span aria-hidden>{customer.flag} </span> : null}
            {customer.countryName ?? "Unknown"}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">SMS from {view.integration.phoneDisplay}</dt>
          <dd>
            {optOut?.optedOut ? (
              <span className="font-medium text-red-700">
                Opted out: replied {optOut.keyword.toUpperCase()} on <span suppressHydrationWarning>{shortDay(optOut.changedAt)}</span>
              </span>
            ) : optOut ? (
              <span className="text-green-800">
                Subscribed: replied {optOut.keyword.toUpperCase()} on <span suppressHydrationWarning>{shortDay(optOut.changedAt)}</span>
              </span>
            ) : (
              <span className="text-slate-700">Subscribed</span>
            )}
          </dd>
        </div>
      </dl>
      <h3 className="mb-2 mt-6 text-xs font-semibold uppercase tracking-wide text-slate-500">Other tickets</h3>
      {view.otherTickets.length === 0 ? (
        <p className="text-slate-500">None</p>
      ) : (
        <ul className="space-y-2">
          {view.otherTickets.map((ticket) => (
            <li key={ticket.id}>
              <a
                href={hrefFor(ticket.id)}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                  event.preventDefault();
                  openTicket(ticket.id);
                }}
                className="block rounded-md p-2 ring-1 ring-slate-200 hover:bg-slate-50"
              >
                <span className="flex justify-between gap-2 text-xs text-slate-500">
                  <span>
                    {ticket.status === "open" ? "Open" : "Closed"} · {ticket.integrationName}
                  </span>
                  <span suppressHydrationWarning>{listTime(ticket.lastMessageAt)}</span>
                </span>
                <span className="mt-0.5 block truncate text-slate-800">{ticket.preview || "(empty message)"}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
