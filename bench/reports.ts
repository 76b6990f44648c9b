import { CHARTS } from "../lib/reports/charts";
import { percentile, type LoadResult } from "./load";

export interface ReportsScenarioOptions {
  appUrl: string;
  /** An admin's session: the whole inbox, every integration. */
  cookie: string;
  seconds: number;
}

export interface ReportsFigure {
  name: string;
  target: number;
  result: LoadResult;
}

const QUERY = "range=90";

async function fetchChart(url: string, cookie: string): Promise<void> {
  const response = await fetch(url, { headers: { Cookie: cookie, Accept: "application/json" } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
}

async function measure(seconds: number, run: () => Promise<void>): Promise<LoadResult> {
  await run(); // warm-up
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    const begin = performance.now();
    try {
      await run();
      latencies.push(performance.now() - begin);
    } catch (error) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(String(error));
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds: elapsed, throughput: latencies.length / elapsed, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), errorSamples };
}

/**
 * The reports page over the last 90 days for every integration, as an admin's browser loads
 * it: every chart at once (the whole report), then each chart alone, one request at a time.
 */
export async function runReportsScenario({ appUrl, cookie, seconds }: ReportsScenarioOptions): Promise<ReportsFigure[]> {
  const urls = CHARTS.map((chart) => ({ name: chart.title, url: `${appUrl}/api/reports/${chart.id}?${QUERY}` }));
  const figures: ReportsFigure[] = [];
  const whole = await measure(seconds, async () => {
    await Promise.all([fetchChart(`${appUrl}/reports?${QUERY}`, cookie), ...urls.map((item) => fetchChart(item.url, cookie))]);
  });
  console.log(`${"Report, 90 days: whole page".padEnd(44)} p50 ${whole.p50.toFixed(1).padStart(7)} ms  p95 ${whole.p95.toFixed(1).padStart(7)} ms  errors ${whole.errors}`);
  figures.push({ name: "Report, 90 days, all integrations: whole page (every chart at once)", target: 300, result: whole });
  for (const item of urls) {
    const result = await measure(Math.max(1, seconds / 3), () => fetchChart(item.url, cookie));
    console.log(`${`Report, 90 days: ${item.name}`.padEnd(44)} p50 ${result.p50.toFixed(1).padStart(7)} ms  p95 ${result.p95.toFixed(1).padStart(7)} ms  errors ${result.errors}`);
    figures.push({ name: `Report, 90 days: ${item.name}`, target: 300, result });
  }
  return figures;
}
