import { describe, expect, it } from "vitest";
import type { BusinessHours } from "@/lib/rules/business-hours";
import { businessClock, businessMillisBetween } from "./business-time";
import { describeChange, percentile } from "./stats";

const HOUR = 3_600_000;
const hours = (extra: Partial<BusinessHours> = {}): BusinessHours => ({
  timeZone: "Europe/London",
  periods: [
    { day: "mon", start: "09:00", end: "17:00" },
    { day: "fri", start: "22:00", end: "02:00" },
  ],
  closedDates: [],
  ...extra,
});

describe("businessMillisBetween", () => {
  it("counts only open hours, overnight periods into the next day included", () => {
    // Fri 27 Mar 2026 21:00 to Mon 30 Mar 10:00 (London goes to BST on Sunday 29th): Fri 22–02 is 4 h, Mon 09–10 is 1 h.
    expect(businessMillisBetween(hours(), new Date("2026-03-27T21:00:00Z"), new Date("2026-03-30T09:00:00Z"))).toBe(5 * HOUR);
  });

  it("leaves out closed dates and counts nothing for an empty or backwards span", () => {
    const closed = hours({ closedDates: [{ date: "2026-03-30", label: "Holiday" }] });
    expect(businessMillisBetween(closed, new Date("2026-03-30T07:00:00Z"), new Date("2026-03-30T18:00:00Z"))).toBe(0);
    expect(businessMillisBetween(hours(), new Date("2026-03-30T12:00:00Z"), new Date("2026-03-30T11:00:00Z"))).toBe(0);
  });

  it("measures an all-day period by the clock on a day the clocks change", () => {
    const allDay = hours({ periods: [{ day: "sun", start: "00:00", end: "00:00" }] });
    expect(businessMillisBetween(allDay, new Date("2026-03-28T12:00:00Z"), new Date("2026-03-30T12:00:00Z"))).toBe(23 * HOUR);
  });
});

describe("percentile", () => {
  it("interpolates between ranks as percentile_cont does", () => {
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([10], 0.9)).toBe(10);
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([0, 10], 0.9)).toBe(9);
  });

  it("says how a figure changed", () => {
    expect(describeChange(15, 10)).toBe("+50% on the previous period");
    expect(describeChange(5, 0)).toBe("none in the previous period");
    expect(describeChange(null, 3)).toBeNull();
  });
});

describe("businessClock", () => {
  it("agrees with businessMillisBetween for any two instants, across clock changes, closed dates and overnight periods", () => {
    const schedule = hours({
      periods: [...hours().periods, { day: "sun", start: "00:00", end: "00:00" }, { day: "wed", start: "08:30", end: "12:15" }, { day: "wed", start: "13:00", end: "18:00" }],
      closedDates: [{ date: "2026-04-01", label: "Holiday" }],
    });
    const from = new Date("2026-03-20T00:00:00Z");
    const to = new Date("2026-04-10T00:00:00Z");
    const between = businessClock(schedule, from, to);
    const span = to.getTime() - from.getTime();
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 300; i++) {
      const a = from.getTime() + Math.floor(next() * span);
      const b = from.getTime() + Math.floor(next() * span);
      expect(between(a, b)).toBe(businessMillisBetween(schedule, new Date(a), new Date(b)));
    }
  });
});
