import "server-only";
import { sql, type SQL, type AnyColumn } from "drizzle-orm";

/**
 * A keyset position: the row's timestamp, to the microsecond as PostgreSQL stores it (a JS
 * Date would round it to the millisecond and skip or repeat rows), and its id.
 */
export interface Keyset {
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(`${keyset.at}|${keyset.id}`).toString("base64url");
}

/** Null for anything that is not a cursor this app made. */
export function decodeCursor(cursor: string | null | undefined): Keyset | null {
  if (!cursor || cursor.length > 200) return null;
  const [at, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (extra !== undefined || !at || !id || !STAMP.test(at) || !UUID.test(id)) return null;
  return { at, id };
}

/** The column as the cursor text, in UTC with microseconds. */
export function keysetStamp(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Rows strictly after `keyset` in (column desc, id desc) order: a row comparison the index answers. */
export function beforeKeyset(column: AnyColumn, idColumn: AnyColumn, keyset: Keyset): SQL {
  return sql`(${column}, ${idColumn}) < (${keyset.at}::timestamptz, ${keyset.id}::uuid)`;
}
