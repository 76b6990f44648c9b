import { env } from "@/env";
import { kickJobWorker } from "@/lib/jobs/kick";

/** Pause between a message's steps (queued → sending → sent → delivered), like a carrier's. */
export function stepDelayMs(): number {
  return env().SANDBOX_STEP_MS;
}

/** Work was committed for now and for `delayMs` from now: wake the worker for both. */
export function runJobsSoon(delayMs = 0): void {
  kickJobWorker();
  if (delayMs > 0) setTimeout(kickJobWorker, delayMs + 20).unref();
}
