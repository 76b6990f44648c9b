"use client";

import type { ArrivedMessage } from "@/lib/tickets/types";
import { Button } from "@/components/ui/button";
import { listTime } from "./format";

function author(message: ArrivedMessage, customerLabel: string): string {
  if (message.direction === "inbound") return customerLabel;
  const name = message.authorName ?? "Another agent";
  return message.direction === "note" ? `${name} (internal note)` : name;
}

/** Shown instead of sending when the customer or another agent wrote after this reply was begun. */
export function CollisionPanel({
  arrived,
  customerLabel,
  pending,
  onSendAnyway,
  onReview,
}: {
  arrived: ArrivedMessage[];
  customerLabel: string;
  pending: boolean;
  onSendAnyway: () => void;
  onReview: () => void;
}) {
  return (
    <div role="alert" aria-label="New messages since you began" className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950">
      <p className="font-medium">Written while you were writing your reply:</p>
      <ul className="mt-2 space-y-1.5">
        {arrived.map((message) => (
          <li key={message.id} className="rounded bg-white/70 px-2 py-1">
            <span className="font-medium">{author(message, customerLabel)}</span>{" "}
            <span className="text-xs text-sky-800" suppressHydrationWarning>
              {listTime(message.createdAt)}
            </span>
            <span className="mt-0.5 block whitespace-pre-wrap break-words">{message.body || "(a picture)"}</span>
          </li>
        ))}
      </ul>
      <p className="mt-2">Your reply has not been sent. Send it as it is, or review the conversation and change it first.</p>
      <div className="mt-2 flex gap-2">
        <Button onClick={onSendAnyway} disabled={pending}>
          Send anyway
        </Button>
        <Button variant="secondary" onClick={onReview}>
          Review
        </Button>
      </div>
    </div>
  );
}
