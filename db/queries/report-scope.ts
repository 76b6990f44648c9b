import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";

/**
 * What a report covers: [from, to) and the tickets it counts (by integration, assignee and
 * tag). Days are dates on the wall clock of `timeZone`. Refused messages have no ticket:
 * only the integration applies to them.
 */
export interface ReportScope {
  from: Date;
  to: Date;
  timeZone: string;
  integrationId?: string | null;
  assigneeId?: string | null;
  tag?: string | null;
}

export interface DayCount {
  day: string;
  key: string;
  n: number;
}

export async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

export const dayOf = (column: SQL, timeZone: string) => sql`to_char(${column} at time zone ${timeZone}, 'YYYY-MM-DD')`;

export const within = (column: SQL, scope: ReportScope) => sql`${column} >= ${scope.from.toISOString()}::timestamptz and ${column} < ${scope.to.toISOString()}::timestamptz`;

/** The scope's integration and assignee on rows of `alias` that carry both (tickets, rollups); true when neither is set. */
export function integrationAndAssignee(alias: string, scope: ReportScope): SQL[] {
  return [
    scope.integrationId ? sql`${sql.raw(alias)}.integration_id = ${scope.integrationId}` : undefined,
    scope.assigneeId ? sql`${sql.raw(alias)}.assignee_id = ${scope.assigneeId}` : undefined,
  ].filter((part): part is SQL => part !== undefined);
}

export const allOf = (parts: SQL[]) => sql.join([sql`true`, ...parts], sql` and `);
