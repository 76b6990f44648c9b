// Flags for the node process that runs `next start`, chosen from its environment.
//
// With the embedded database (PGlite: no DATABASE_URL), PostgreSQL runs inside the app's
// process, as WebAssembly with a memory of its own, so that process holds both. Under load
// V8 lets its heap grow far past what is alive (Node's default limit is a quarter of the
// machine's memory), so V8's heap is bounded: the process then stays under 500 MB
// (BENCHMARKS.md). A --max-old-space-size in NODE_OPTIONS wins.

/** V8's old space, in MB, for the one PGlite process. */
export const PGLITE_HEAP_MB = 384;

/** @param {Record<string, string | undefined>} env */
export function nodeFlags(env) {
  const pglite = !env.DATABASE_URL;
  const chosen = /--max-old-space-size/.test(env.NODE_OPTIONS ?? "");
  return pglite && !chosen ? [`--max-old-space-size=${PGLITE_HEAP_MB}`] : [];
}
