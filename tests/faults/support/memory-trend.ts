export interface MemorySample {
  /** Seconds since the run started. */
  at: number;
  /** Resident memory, or live memory after a full collection, in MB. */
  mb: number;
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
// Tolerance: the last quarter's mean may exceed the second quarter's by at most 64 MB or
// 25 % of it, whichever is more. At steady load a `next start` process sits at 210-230 MB
// after warm-up, but V8 now and then grows its heap and keeps the pages for minutes: steps
// of up to 55 MB lasting ~200 s were seen in a 600 s run, enough to move a quarter's mean by
// that much. In a 600 s run the quarters' centres are 300 s apart, so 64 MB is about 13 MB
// a minute: a process keeping ~80 KB of every request it handles (~3 a second each), or
// every inbox event it fans out, breaks it; a leak of a few KB a request needs a longer run.
const TOLERANCE_MB = 64;
const TOLERANCE_SHARE = 0.25;

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

function slope(samples: readonly MemorySample[]): number {
  const mx = mean(samples.map((s) => s.at));
  const my = mean(samples.map((s) => s.mb));
  let numerator = 0;
  let denominator = 0;
  for (const s of samples) {
    numerator += (s.at - mx) * (s.mb - my);
    denominator += (s.at - mx) ** 2;
  }
  return denominator ? numerator / denominator : 0;
}

export interface TrendTolerance {
  /** How much the last quarter's mean may exceed the second quarter's, in MB... */
  /** Resident memory, or live memory after a full collection, in MB. */
  mb: number;
  /** ...or as a share of the second quarter's mean, whichever is more. */
  share: number;
}

/** Whether a process's memory kept growing over a run sampled at steady load (by default: resident memory). */
export function memoryTrend(samples: readonly MemorySample[], tolerance: TrendTolerance = { mb: TOLERANCE_MB, share: TOLERANCE_SHARE }): MemoryTrend {
  const end = Math.max(...samples.map((s) => s.at));
  const between = (from: number, to: number) => samples.filter((s) => s.at >= from * end && s.at <= to * end).map((s) => s.mb);
  const secondQuarterMb = mean(between(0.25, 0.5));
  const lastQuarterMb = mean(between(0.75, 1));
  const growthMb = lastQuarterMb - secondQuarterMb;
  const toleranceMb = Math.max(tolerance.mb, secondQuarterMb * tolerance.share);
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
