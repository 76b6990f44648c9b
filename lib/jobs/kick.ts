// Imports nothing, so any module may wake the worker without depending on it (or on the
// handlers the worker runs). The worker puts its wake-up here when it starts.
const slot = globalThis as unknown as { __jobWorkerWake?: () => void };

/** Work was just committed: run it now instead of at the next poll (nothing happens before the worker starts). */
export function kickJobWorker(): void {
  slot.__jobWorkerWake?.();
}

export function setJobWorkerWake(wake: () => void): void {
  slot.__jobWorkerWake = wake;
}
