import { describe, expect, it } from "vitest";
import { memoryTrend, type MemorySample } from "./support/memory-trend";

/** RSS every 3 s over 600 s: a warm-up climb, a GC sawtooth, `perMinute` growth, and an optional heap step. */
function run({ perMinute = 0, step = 0, stepFrom = Infinity }: { perMinute?: number; step?: number; stepFrom?: number } = {}): MemorySample[] {
  return Array.from({ length: 200 }, (_, i) => {
    const at = i * 3;
    const warmUp = Math.min(at, 60) * 1.5;
    const sawtooth = ((i % 7) - 3) * 5;
    return { at, mb: 180 + warmUp + sawtooth + (perMinute * at) / 60 + (at >= stepFrom ? step : 0) };
  });
}

describe("the soak's memory trend", () => {
  it("calls a steady process with GC noise flat", () => {
    expect(memoryTrend(run()).verdict).toBe("flat");
  });

  it("calls a process whose heap stepped up 55 MB for the last quarter flat", () => {
    expect(memoryTrend(run({ step: 55, stepFrom: 450 })).verdict).toBe("flat");
  });

  it("calls a process leaking 20 MB a minute growing", () => {
    const trend = memoryTrend(run({ perMinute: 20 }));
    expect(trend.verdict).toBe("growing");
    expect(trend.slopeMbPerMinute).toBeCloseTo(20, 0);
  });

  it("judges live memory by a tighter tolerance when given one", () => {
    // Live memory after a full collection: flat at 120 MB, then a leak of 8 MB a minute.
    const live = (perMinute: number) => Array.from({ length: 12 }, (_, i) => ({ at: i * 10, mb: 120 + (perMinute * i * 10) / 60 }));
    expect(memoryTrend(live(0), { mb: 12, share: 0.1 }).verdict).toBe("flat");
    expect(memoryTrend(live(30), { mb: 12, share: 0.1 }).verdict).toBe("growing");
    // The resident-memory tolerance would have let that leak through.
    expect(memoryTrend(live(30)).verdict).toBe("flat");
  });
});
