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
  /** Postgres LISTEN on one channel; resolves to an unsubscribe function. */
  listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
