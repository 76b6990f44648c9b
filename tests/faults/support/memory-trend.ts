export interface RssSample {
  /** Seconds since the run started. */
  at: number;
  rssMb: number;
}

export interface MemoryTrend {
  samples: number;
  /** Least-squares slope over the samples after the warm-up, in MB per minute. */
  slopeMbPerMinute: number;
  secondQuarterMb: number;
  lastQuarterMb: number;
  /** Mean of the last quarter minus mean of the second quarter. */
  growthMb: number;
  toleranceMb: number;
  verdict: "flat" | "growing";
}

// The first fifth of a run is warm-up: code loads, caches fill, V8 sizes its heap.
const WARM_UP = 0.2;
// Tolerance: the last quarter's mean may exceed the second quarter's by at most 32 MB or
// 10 % of it, whichever is more. After warm-up, V8's GC sawtooth and heap resizing under
// steady load move RSS by some 10-20 MB. In a 600 s run the quarters' centres are 300 s
// apart, so 32 MB is about 6 MB a minute: a leak of ~30 KB per request a process handles
// (each takes ~3 requests a second), or an SSE subscription that is never released, is
// well past it.
const TOLERANCE_MB = 32;
const TOLERANCE_SHARE = 0.1;

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

function slope(samples: readonly RssSample[]): number {
  const mx = mean(samples.map((s) => s.at));
  const my = mean(samples.map((s) => s.rssMb));
  let numerator = 0;
  let denominator = 0;
  for (const s of samples) {
    numerator += (s.at - mx) * (s.rssMb - my);
    denominator += (s.at - mx) ** 2;
  }
  return denominator ? numerator / denominator : 0;
}

/** Whether a process's resident memory kept growing over a run sampled at steady load. */
export function memoryTrend(samples: readonly RssSample[]): MemoryTrend {
  const end = Math.max(...samples.map((s) => s.at));
  const between = (from: number, to: number) => samples.filter((s) => s.at >= from * end && s.at <= to * end).map((s) => s.rssMb);
  const secondQuarterMb = mean(between(0.25, 0.5));
  const lastQuarterMb = mean(between(0.75, 1));
  const growthMb = lastQuarterMb - secondQuarterMb;
  const toleranceMb = Math.max(TOLERANCE_MB, secondQuarterMb * TOLERANCE_SHARE);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    samples: samples.length,
    slopeMbPerMinute: round(slope(samples.filter((s) => s.at >= WARM_UP * end)) * 60),
    secondQuarterMb: round(secondQuarterMb),
    lastQuarterMb: round(lastQuarterMb),
    growthMb: round(growthMb),
    toleranceMb: round(toleranceMb),
    verdict: growthMb > toleranceMb ? "growing" : "flat",
  };
}
