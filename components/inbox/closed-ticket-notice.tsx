"use client";

import type { CustomerTicketSummary } from "@/lib/tickets/types";

/**
 * Above the reply box of a closed ticket: sending opens it again, unless the customer has an
 * open ticket on the same number, which is where the answer belongs.
 */
export function ClosedTicketNotice({
  id,
  customerLabel,
  openTicket,
  sameNumber,
  href,
  onOpen,
}: {
  id: string;
  customerLabel: string;
  openTicket: CustomerTicketSummary | null;
  sameNumber: boolean;
  href: string | null;
  onOpen: () => void;
}) {
  return (
    <p id={id} role="status" className="mb-2 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
      {sameNumber ? "This ticket is closed, and replies from here are off: " : "This ticket is closed. Sending a reply opens it again. "}
      {openTicket && href ? (
        <>
          {customerLabel} has an open ticket{sameNumber ? " on this number" : ` on ${openTicket.integrationName}`}
          {sameNumber ? "; answer there. " : ". "}
          <a
            href={href}
            onClick={(event) => {
              if (event.metaKey || event.ctrlKey || event.shiftKey) return;
              event.preventDefault();
              onOpen();
            }}
            className="font-medium text-brand-700 underline"
          >
            Go to the open ticket
          </a>
        </>
      ) : null}
    </p>
  );
}
