import { runIngest, type IngestOptions } from "./ingest";
import { percentile, type LoadResult } from "./load";

export interface SignInFlood {
  signIns: number;
  refused: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
}

/**
 * `total` wrong sign-ins, `concurrency` at a time, each for its own email from its own
 * address (a credential-stuffing run spread over many hosts), so that no throttle lock
 * spares the server a password hash: every one costs a full bcrypt compare.
 */
async function floodSignIns(appUrl: string, total: number, concurrency: number): Promise<SignInFlood> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const latencies: number[] = [];
  let refused = 0;
  let errors = 0;
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      try {
        const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, "X-Forwarded-For": `10.77.${i >> 8}.${i & 255}` },
          body: new URLSearchParams({ csrfToken, email: `flood-${i}-${Date.now()}@example.com`, password: `guess ${i}`, json: "true" }).toString(),
          redirect: "manual",
        });
        await response.arrayBuffer();
        if (response.status === 401 || response.status === 200) refused++;
        else errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  latencies.sort((a, b) => a - b);
  return { signIns: total, refused, errors, seconds: (performance.now() - started) / 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/**
 * Inbound webhooks at `ingest.concurrency`, first alone for `baselineSeconds` (what the
 * machine gives them right now), then for as long as the sign-in flood lasts.
 */
export async function runWebhooksDuringSignInFlood(
  ingest: Omit<IngestOptions, "seconds">,
  { signIns, concurrency, baselineSeconds }: { signIns: number; concurrency: number; baselineSeconds: number },
): Promise<{ baseline: LoadResult; webhooks: LoadResult; flood: SignInFlood }> {
  const baseline = await runIngest({ ...ingest, seconds: baselineSeconds }, new Set());
  let flooding = true;
  const flood = floodSignIns(ingest.appUrl, signIns, concurrency).finally(() => {
    flooding = false;
  });
  const webhooks = await runIngest({ ...ingest, seconds: 3600, until: () => !flooding }, new Set());
  return { baseline, webhooks, flood: await flood };
}
