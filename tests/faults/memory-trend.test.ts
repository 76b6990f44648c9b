import { describe, expect, it } from "vitest";
import { memoryTrend, type RssSample } from "./support/memory-trend";

/** RSS every 3 s over 600 s: a warm-up climb, then `perMinute` growth with a GC sawtooth on top. */
function run(perMinute: number): RssSample[] {
  return Array.from({ length: 200 }, (_, i) => {
    const at = i * 3;
    const warmUp = Math.min(at, 60) * 1.5;
    const sawtooth = ((i % 7) - 3) * 5;
    return { at, rssMb: 180 + warmUp + sawtooth + (perMinute * at) / 60 };
  });
}

describe("the soak's memory trend", () => {
  it("calls a steady process with GC noise flat", () => {
    expect(memoryTrend(run(0)).verdict).toBe("flat");
  });

  it("calls a process leaking 10 MB a minute growing", () => {
    const trend = memoryTrend(run(10));
    expect(trend.verdict).toBe("growing");
    expect(trend.slopeMbPerMinute).toBeCloseTo(10, 0);
  });
});
