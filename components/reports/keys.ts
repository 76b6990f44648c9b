/** TanStack Query keys for the reports page, from one place. */
export const reportKeys = {
  all: ["reports"] as const,
  /** Every query of one chart, whatever its filters. */
  charts: (chart: string) => ["reports", chart] as const,
  chart: (chart: string, query: string) => ["reports", chart, query] as const,
};
