import { describe, expect, it } from "vitest";
import { stepDone, stepRunning } from "./words";

const words = { agentName: () => "Ann", time: (iso: string) => `at ${iso.slice(11, 16)}` };
const base = { undoneAction: null, assigneeId: null, tag: null, until: null, skipped: 0, skippedReasons: [] };

describe("words for a step on many tickets", () => {
  it("says what is under way and what was done, with thousands separated", () => {
    expect(stepRunning({ ...base, action: "close", total: 1000 }, words)).toBe("Closing 1,000 tickets…");
    expect(stepDone({ ...base, action: "close", total: 1000, changed: 1000 }, words)).toBe("Closed 1,000 tickets");
    expect(stepDone({ ...base, action: "assign", assigneeId: "a", total: 1, changed: 1 }, words)).toBe("Assigned 1 ticket to Ann");
    expect(stepDone({ ...base, action: "assign", total: 2, changed: 2 }, words)).toBe("Unassigned 2 tickets");
  });

  it("names the tag and the wake-up time", () => {
    expect(stepRunning({ ...base, action: "tag", tag: "vip", total: 3 }, words)).toBe("Tagging 3 tickets “vip”…");
    expect(stepDone({ ...base, action: "untag", tag: "vip", total: 3, changed: 2 }, words)).toBe("Removed “vip” from 2 tickets · 1 already without that tag");
    expect(stepDone({ ...base, action: "snooze", until: "2030-01-02T09:00:00.000Z", total: 2, changed: 2 }, words)).toBe("Snoozed 2 tickets until at 09:00");
  });

  it("counts what was already so, and what was skipped and why", () => {
    const text = stepDone(
      { ...base, action: "reopen", total: 10, changed: 6, skipped: 3, skippedReasons: [{ reason: "The customer already has an open ticket on this SMS integration", count: 3 }] },
      words,
    );
    expect(text).toBe("Reopened 6 tickets · 1 already open · 3 skipped: the customer already has an open ticket on this SMS integration (3)");
  });
});
