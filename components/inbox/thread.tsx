"use client";

import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { Fragment, useRef } from "react";
import type { ThreadMessage } from "@/lib/tickets/types";
import type { ThreadSlice, TimelineEvent } from "@/lib/tickets/view";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useStickToBottom } from "@/components/ui/use-stick-to-bottom";
import { clockTime, dayKey, dayLabel, fullTime, shortDateTime } from "./format";
import { MessageBubble } from "./message-bubble";
import { useShowRuleActivity } from "./use-rule-activity";

type Item = ({ kind: "message"; at: string; message: ThreadMessage } | { kind: "event"; at: string; event: TimelineEvent }) & { newDay?: boolean };

interface Props {
  ticketId: string;
  customerLabel: string;
  thread: UseInfiniteQueryResult<InfiniteData<ThreadSlice>>;
  onRetryMessage: (messageId: string) => void;
  onRetryAttachment: (attachmentId: string) => void;
  retryError: string | null;
}

/**
 * Order at the same instant (one transaction stamps both): the ticket is created, then its
 * message arrives, then whatever that message set off (rules, assignment).
 */
function rank(item: Item): number {
  if (item.kind === "message") return 1;
  return item.event.type === "ticket.created" ? 0 : 2;
}

/** Pages come newest first; the conversation reads oldest first, events between messages. */
function timeline(pages: ThreadSlice[]): Item[] {
  const items: Item[] = [];
  for (const page of [...pages].reverse()) {
    for (const message of page.messages) items.push({ kind: "message", at: message.createdAt, message });
    for (const event of page.events) items.push({ kind: "event", at: event.createdAt, event });
  }
  const seen = new Set<string>();
  return items
    .filter((item) => {
      const id = item.kind === "message" ? `m${item.message.id}` : `e${item.event.id}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b));
}

/** Marks where a new day starts, for the day headings. */
function dayBreaks(items: Item[]): Item[] {
  return items.map((item, index, all) => ({ ...item, newDay: index === 0 || dayKey(all[index - 1]!.at) !== dayKey(item.at) }));
}

export function Thread({ ticketId, customerLabel, thread, onRetryMessage, onRetryAttachment, retryError }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const pages = thread.data?.pages ?? [];
  const [showRuleActivity, setShowRuleActivity] = useShowRuleActivity();
  const all = dayBreaks(timeline(pages));
  const quiet = all.filter((item) => item.kind === "event" && item.event.quiet).length;
  const items = showRuleActivity || quiet === 0 ? all : dayBreaks(all.filter((item) => item.kind === "message" || !item.event.quiet));
  const newest = pages[0]?.messages.at(-1)?.id ?? "";
  const list = useRef<HTMLOListElement>(null);
  const { onScroll } = useStickToBottom(scroller, { conversation: ticketId, version: newest, content: list });

  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      className="min-h-0 flex-1 overflow-y-auto px-4 py-4"
    >
      {thread.hasNextPage ? (
        <div className="mb-4 text-center">
          <Button variant="secondary" onClick={() => void thread.fetchNextPage()} disabled={thread.isFetchingNextPage}>
            {thread.isFetchingNextPage ? "Loading…" : "Load earlier messages"}
          </Button>
        </div>
      ) : null}
      {quiet > 0 ? (
        <div className="mb-3 flex justify-end">
          <button
            type="button"
            role="switch"
            aria-checked={showRuleActivity}
            onClick={() => setShowRuleActivity(!showRuleActivity)}
            className="flex items-center gap-2 rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100"
            title="Rules that ran on a message and did nothing"
          >
            <span aria-hidden className={`relative h-4 w-7 rounded-full motion-safe:transition-colors ${showRuleActivity ? "bg-brand-600" : "bg-slate-300"}`}>
              <span className={`absolute top-0.5 h-3 w-3 rounded-full bg-white motion-safe:transition-all ${showRuleActivity ? "left-3.5" : "left-0.5"}`} />
            </span>
            Show rule activity
            <span className="tabular-nums text-slate-500">({quiet})</span>
          </button>
        </div>
      ) : null}
      {retryError ? <FormMessage message={retryError} /> : null}
      <ol ref={list} className="space-y-3" aria-label="Messages and events">
        {items.map((item) => {
          return (
            <Fragment key={item.kind === "message" ? item.message.id : `event-${item.event.id}`}>
              {item.newDay ? (
                <li className="py-1 text-center text-xs font-medium text-slate-500" suppressHydrationWarning>
                  {dayLabel(item.at)}
                </li>
              ) : null}
              {item.kind === "message" ? (
                <MessageBubble message={item.message} customerLabel={customerLabel} onRetry={onRetryMessage} onRetryAttachment={onRetryAttachment} />
              ) : (
                <li className={`flex items-center gap-3 text-xs text-slate-500 ${item.event.quiet ? "italic" : ""}`}>
                  <span aria-hidden className="h-px flex-1 bg-slate-200" />
                  <span>
                    {item.event.text}
                    {item.event.until ? (
                      <>
                        {" until "}
                        <time dateTime={item.event.until} suppressHydrationWarning>
                          {shortDateTime(item.event.until)}
                        </time>
                      </>
                    ) : null}
                    {" · "}
                    <time dateTime={item.event.createdAt} title={fullTime(item.event.createdAt)} suppressHydrationWarning>
                      {clockTime(item.event.createdAt)}
                    </time>
                  </span>
                  <span aria-hidden className="h-px flex-1 bg-slate-200" />
                </li>
              )}
            </Fragment>
          );
        })}
      </ol>
      {items.length === 0 && !thread.isPending ? <p className="text-center text-sm text-slate-500">No messages yet.</p> : null}
    </div>
  );
}
