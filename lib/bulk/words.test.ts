import { describe, expect, it } from "vitest";
import { stepDone, stepRunning } from "./words";

const name = () => "Ann";
const base = { undoneAction: null, assigneeId: null, skipped: 0, skippedReasons: [] };

describe("words for a step on many tickets", () => {
  it("says what is under way and what was done, with thousands separated", () => {
    expect(stepRunning({ ...base, action: "close", total: 1000 }, name)).toBe("Closing 1,000 tickets…");
    expect(stepDone({ ...base, action: "close", total: 1000, changed: 1000 }, name)).toBe("Closed 1,000 tickets");
    expect(stepDone({ ...base, action: "assign", assigneeId: "a", total: 1, changed: 1 }, name)).toBe("Assigned 1 ticket to Ann");
    expect(stepDone({ ...base, action: "assign", total: 2, changed: 2 }, name)).toBe("Unassigned 2 tickets");
  });

  it("counts what was already so, and what was skipped and why", () => {
    const text = stepDone(
      { ...base, action: "reopen", total: 10, changed: 6, skipped: 3, skippedReasons: [{ reason: "The customer already has an open ticket on this SMS integration", count: 3 }] },
      name,
    );
    expect(text).toBe("Reopened 6 tickets · 1 already open · 3 skipped: the customer already has an open ticket on this SMS integration (3)");
  });
});
