/**
 * The p-th percentile (0–1) of `values`, interpolated between the two nearest ranks as
 * PostgreSQL's percentile_cont does: the median of 1, 2, 3, 4 is 2.5. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * Math.min(Math.max(p, 0), 1);
  const lower = Math.floor(rank);
  const low = sorted[lower] as number;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)] as number;
  return low + (rank - lower) * (high - low);
}

export const median = (values: readonly number[]) => percentile(values, 0.5);

/** Hours, to two decimals, for durations in milliseconds. */
export function hoursOf(milliseconds: number | null): number | null {
  return milliseconds === null ? null : Math.round((milliseconds / 3_600_000) * 100) / 100;
}

/** The change from `previous` to `current` in words: "+25% on the previous period", or null when there is nothing to compare. */
export function describeChange(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null) return null;
  if (previous === 0) return current === 0 ? "same as the previous period" : "none in the previous period";
  const change = Math.round(((current - previous) / previous) * 100);
  if (change === 0) return "same as the previous period";
  return `${change > 0 ? "+" : ""}${change}% on the previous period`;
}
