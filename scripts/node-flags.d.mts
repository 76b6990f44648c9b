/** V8's old space, in MB, for the one PGlite process. */
export declare const PGLITE_HEAP_MB: number;
/** Flags for the node process that runs `next start`, chosen from its environment. */
export declare function nodeFlags(env: Record<string, string | undefined>): string[];
