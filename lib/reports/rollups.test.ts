import { describe, expect, it } from "vitest";
import { rollupsFit, wholeHourOffsets } from "./rollups";

const range = (from: string, to: string) => [new Date(from), new Date(to)] as const;

describe("wholeHourOffsets", () => {
  it("accepts zones a whole number of hours from UTC, across their clock changes", () => {
    expect(wholeHourOffsets("UTC", ...range("2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z"))).toBe(true);
    expect(wholeHourOffsets("America/New_York", ...range("2026-03-01T05:00:00Z", "2026-03-16T04:00:00Z"))).toBe(true);
    expect(wholeHourOffsets("Europe/Paris", ...range("2025-10-01T00:00:00Z", "2026-04-30T00:00:00Z"))).toBe(true);
  });

  it("refuses half and quarter hours, and a summer that ends on the half hour", () => {
    expect(wholeHourOffsets("Asia/Kolkata", ...range("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"))).toBe(false);
    expect(wholeHourOffsets("Asia/Kathmandu", ...range("2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z"))).toBe(false);
    // Lord Howe Island: UTC+11 in summer, +10:30 from the first Sunday of April.
    expect(wholeHourOffsets("Australia/Lord_Howe", ...range("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))).toBe(true);
    expect(wholeHourOffsets("Australia/Lord_Howe", ...range("2026-03-20T00:00:00Z", "2026-04-10T00:00:00Z"))).toBe(false);
  });
});

describe("rollupsFit", () => {
  it("leaves a tag filter to the raw rows", () => {
    const [from, to] = range("2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z");
    expect(rollupsFit({ from, to, timeZone: "UTC", integrationId: "x", assigneeId: "y" })).toBe(true);
    expect(rollupsFit({ from, to, timeZone: "UTC", tag: "vip" })).toBe(false);
  });
});
