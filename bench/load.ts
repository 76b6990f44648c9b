// A fixed-concurrency HTTP load loop: N workers, each sending its next request when the last one answers.
import http from "node:http";

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  errorSamples: string[];
}

export type RequestFactory = (index: number) => { url: string; init: RequestInit; accept?: (status: number) => boolean };

/**
 * One request over node:http on a kept-alive connection: a fraction of fetch's CPU, so the load
 * generator, which shares the machine with the app and PostgreSQL, takes less of it from them
 * (a health check cost the generator 0.42 ms with fetch). Resolves to the status once the body
 * has been read.
 */
function lightRequest(agent: http.Agent, url: string, init: RequestInit): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent, method: init.method ?? "GET", headers: init.headers as Record<string, string> | undefined }, (response) => {
      response.on("error", reject);
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.resume();
    });
    request.on("error", reject);
    request.end(typeof init.body === "string" ? init.body : undefined);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

interface LoadOptions {
  concurrency: number;
  seconds: number;
  makeRequest: RequestFactory;
  onAccepted?: (index: number) => void;
  /** Reads the response (its body is not consumed otherwise); counted in the latency. */
  onResponse?: (index: number, response: Response) => Promise<void>;
  /** A pause after each answer, for a steady rate instead of as fast as it goes. */
  pauseMs?: number;
  /** Stops before `seconds` are up once this returns true. */
  until?: () => boolean;
}

export async function runLoad({ concurrency, seconds, makeRequest, onAccepted, onResponse, pauseMs = 0, until }: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  // Requests with a string body or none, whose response nobody reads, go over node:http.
  const agent = onResponse ? null : new http.Agent({ keepAlive: true, maxSockets: concurrency });
  async function worker() {
    while (performance.now() < deadline && !until?.()) {
      const index = next++;
      const { url, init, accept } = makeRequest(index);
      const t0 = performance.now();
      try {
        let status: number;
        if (agent && url.startsWith("http:") && (init.body === undefined || typeof init.body === "string")) {
          status = await lightRequest(agent, url, init);
        } else {
          const response = await fetch(url, init);
          if (onResponse) await onResponse(index, response);
          else await response.arrayBuffer();
          status = response.status;
        }
        const ok = accept ? accept(status) : status >= 200 && status < 300;
        if (ok) {
          latencies.push(performance.now() - t0);
          onAccepted?.(index);
        } else {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`HTTP ${status}`);
        }
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push((error as Error).message);
      }
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent?.destroy();
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds: elapsed,
    throughput: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errorSamples,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The run whose throughput is the median of the repeats, so its latencies belong together. */
export function medianRun(runs: LoadResult[]): LoadResult {
  const sorted = [...runs].sort((a, b) => a.throughput - b.throughput);
  return sorted[Math.floor(sorted.length / 2)]!;
}
