import { describe, expect, it } from "vitest";
import type { BusinessHours } from "@/lib/rules/business-hours";
import { durationWords, isPastTarget, overdueSince, waitedMillis } from "./waiting";

const hours: BusinessHours = {
  timeZone: "Europe/London",
  periods: (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({ day, start: "09:00", end: "17:00" })),
  closedDates: [],
};
const minute = 60_000;

describe("waiting time", () => {
  it("counts every minute without business hours, and only open minutes with them", () => {
    // Friday 16:30 to Monday 09:45, London summer time (UTC+1).
    const since = new Date("2026-06-05T15:30:00Z");
    const now = new Date("2026-06-08T08:45:00Z");
    expect(waitedMillis({ targetMinutes: 60, hours: null }, since, now)).toBe((2 * 24 * 60 + 17 * 60 + 15) * minute);
    expect(waitedMillis({ targetMinutes: 60, hours }, since, now)).toBe(75 * minute);
    expect(isPastTarget({ targetMinutes: 60, hours }, since, now)).toBe(true);
    expect(isPastTarget({ targetMinutes: 90, hours }, since, now)).toBe(false);
    expect(isPastTarget({ targetMinutes: null, hours }, since, now)).toBe(false);
  });

  it("finds the instant a wait became past the target, across a weekend and a closed date", () => {
    const now = new Date("2026-06-08T08:45:00Z"); // Monday 09:45
    // 60 business minutes back: 45 on Monday, 15 on Friday before 17:00.
    expect(overdueSince({ targetMinutes: 60, hours }, now)?.toISOString()).toBe("2026-06-05T15:45:00.000Z");
    const closedFriday = { ...hours, closedDates: [{ date: "2026-06-05", label: "Holiday" }] };
    expect(overdueSince({ targetMinutes: 60, hours: closedFriday }, now)?.toISOString()).toBe("2026-06-04T15:45:00.000Z");
    expect(overdueSince({ targetMinutes: 60, hours: null }, now)?.toISOString()).toBe("2026-06-08T07:45:00.000Z");
    expect(overdueSince({ targetMinutes: null, hours }, now)).toBeNull();
    // Never open: nobody can be past the target.
    expect(overdueSince({ targetMinutes: 60, hours: { ...hours, periods: [] } }, now)).toBeNull();
  });

  it("agrees with the wait it is the edge of: a customer waiting since the cutoff has waited exactly the target", () => {
    const now = new Date("2026-06-10T10:07:00Z");
    for (const target of [1, 59, 480, 481, 2000]) {
      const cutoff = overdueSince({ targetMinutes: target, hours }, now)!;
      expect(waitedMillis({ targetMinutes: target, hours }, cutoff, now)).toBe(target * minute);
    }
  });

  it("puts waits into words", () => {
    expect(durationWords(4 * minute + 59_000)).toBe("4 min");
    expect(durationWords(125 * minute)).toBe("2 h 5 min");
    expect(durationWords(120 * minute)).toBe("2 h");
    expect(durationWords((3 * 24 + 2) * 60 * minute)).toBe("3 d 2 h");
  });
});
