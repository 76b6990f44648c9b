"use client";

import { durationWords, isPastTarget, waitedMillis, type WaitingClock } from "@/lib/tickets/waiting";
import { fullTime } from "./format";

/** How long the customer has waited for an answer (in business hours when they are set), and whether that is past the first-response target. */
export function WaitingChip({ since, clock, now }: { since: string; clock: WaitingClock; now: number }) {
  const at = new Date(now);
  const waited = durationWords(waitedMillis(clock, new Date(since), at));
  const late = isPastTarget(clock, new Date(since), at);
  const title = `The customer's oldest unanswered message: ${fullTime(since)}${clock.hours ? " (counted in business hours)" : ""}${clock.targetMinutes ? `; target ${durationWords(clock.targetMinutes * 60_000)}` : ""}`;
  return (
    <>
      <time dateTime={since} title={title} className={`rounded px-1.5 py-0.5 ${late ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-800"}`} suppressHydrationWarning>
        Waiting {waited}
      </time>
      {late ? <span className="rounded bg-red-600 px-1.5 py-0.5 font-medium text-white">Past target</span> : null}
    </>
  );
}
