import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

export type Schema = typeof schema;
/** What both drivers have in common; domain code sees only this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Transaction;
export type DatabaseDriver = "pglite" | "postgresql";

/** The rows of a raw `db.execute()`: postgres.js answers with the rows, PGlite with `{ rows }`. */
export function rowsOf<T>(answer: unknown): T[] {
  return (Array.isArray(answer) ? answer : (answer as { rows: T[] }).rows) as T[];
}

export type NotificationListener = (payload: string) => void;

export interface DatabaseHandle {
  db: Database;
  driver: DatabaseDriver;
  /**
   * Postgres LISTEN on one channel; resolves to an unsubscribe function. `onListen` runs each
   * time the LISTEN is made, the first time and after a lost connection (whatever was notified
   * while it was down never arrives).
   */
  listen(channel: string, listener: NotificationListener, onListen?: () => void): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

interface PreparingClient {
  /** postgres.js */
  unsafe?: (text: string, params: unknown[], options: { prepare: boolean }) => Promise<unknown>;
  /** PGlite */
  execProtocolStream?: unknown;
}

/**
 * One statement written with $1… placeholders, run on the process's database (not inside a
 * transaction) as a named prepared statement: parsed and planned once per connection, then
 * each run only binds and executes it. Drizzle's own queries are sent unnamed and parsed on
 * every run; on PostgreSQL, postgres.js also describes each before binding it, a second round
 * trip, and on PGlite the parse and plan run on the app's own event loop.
 */
export async function executePrepared(db: Database, text: string, params: unknown[]): Promise<unknown> {
  const client = (db as unknown as { $client?: PreparingClient }).$client;
  if (!client?.unsafe && !client?.execProtocolStream) throw new Error("executePrepared: the database has no client to prepare on (a transaction?)");
  try {
    if (client.unsafe) return await client.unsafe(text, params, { prepare: true });
    const { runPreparedOnPglite } = await import("./pglite-prepared");
    return await runPreparedOnPglite(client as unknown as PGlite, text, params);
  } catch (error) {
    throw new PreparedQueryError(text, error);
  }
}

/**
 * A failed prepared statement, as drizzle reports its own: the statement's text (never its
 * values, so a log can say which statement failed), the driver's error as the cause.
 */
export class PreparedQueryError extends Error {
  constructor(
    readonly query: string,
    cause: unknown,
  ) {
    super("A prepared statement failed", { cause });
    this.name = "PreparedQueryError";
  }
}
