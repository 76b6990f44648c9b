/**
 * A browser's EventSource on `/api/events`, reduced to what the benches measure: each event's
 * frame and the moment it arrived. `ready` resolves on the stream's "ready" event; `done`
 * when the stream ends or `signal` aborts it.
 */
export function readEventStream({ url, cookie, signal, onFrame }: { url: string; cookie: string; signal: AbortSignal; onFrame: (frame: string, arrivedAt: number) => void }): { ready: Promise<void>; done: Promise<void> } {
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const done = (async () => {
    const response = await fetch(`${url}/api/events`, { headers: { Cookie: cookie, Accept: "text/event-stream" }, signal });
    if (!response.ok || !response.body) throw new Error(`SSE: HTTP ${response.status}`);
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    let buffer = "";
    for (;;) {
      const { done: ended, value } = await reader.read();
      if (ended) break;
      const now = performance.now();
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (frame.includes("event: ready")) markReady();
        onFrame(frame, now);
      }
    }
  })().catch((error: unknown) => {
    if ((error as Error).name !== "AbortError") console.error("SSE client:", (error as Error).message);
  });
  return { ready, done };
}
