import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { allOf, dayOf, integrationAndAssignee, rows, within, type DayCount, type ReportScope } from "./report-scope";
import type { DaySegments, FailureCount, HourCount, UsageRow } from "./reports";

// The same figures as their namesakes in ./reports, from message_rollups (hours in UTC): only
// for a scope without a tag, on a time zone whose offset is whole hours over the scope.

const ROLLUP_COLUMNS = sql.raw("hour, integration_id, assignee_id, country, direction, status, sent, error_code, messages, segments");

/**
 * message_rollups with the deltas not yet folded into it (see messageRollupDeltas): several rows
 * per group, which every reader sums. Read in one statement, so one snapshot: a compaction
 * running meanwhile is seen whole or not at all.
 */
export const MESSAGE_ROLLUPS = sql`(select ${ROLLUP_COLUMNS} from message_rollups union all select ${ROLLUP_COLUMNS} from message_rollup_deltas)`;

/** Folds the deltas into message_rollups (one statement); returns how many it folded in. */
export async function compactMessageRollups({ db }: { db: DbOrTx }): Promise<number> {
  const [row] = await rows<{ folded: number }>(db, sql`select report_rollups_compact() as folded`);
  return row?.folded ?? 0;
}

const inScope = (scope: ReportScope, ...more: SQL[]) => allOf([within(sql`r.hour`, scope), ...integrationAndAssignee("r", scope), ...more]);

/** Texts that count as in and out: every customer's text, replies once Twilio took them. */
const inOrOut = sql`(r.direction = 'inbound' or (r.direction = 'outbound' and r.sent))`;

export function countSegmentsPerDayFromRollups({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<DaySegments[]> {
  return rows<DaySegments>(
    db,
    sql`select ${dayOf(sql`r.hour`, scope.timeZone)} as day, r.direction::text as direction,
               sum(r.segments)::int as segments, sum(r.messages)::int as messages
        from ${MESSAGE_ROLLUPS} r where ${inScope(scope, inOrOut)}
        group by 1, 2 having sum(r.messages) <> 0`,
  );
}

export function countDeliveryPerDayFromRollups({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<DayCount[]> {
  return rows<DayCount>(
    db,
    sql`select ${dayOf(sql`r.hour`, scope.timeZone)} as day, r.status::text as key, sum(r.messages)::int as n
        from ${MESSAGE_ROLLUPS} r where ${inScope(scope, sql`r.direction = 'outbound' and r.status in ('delivered', 'undelivered', 'failed')`)}
        group by 1, 2 having sum(r.messages) <> 0`,
  );
}

export function countFailuresByCodeFromRollups({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<FailureCount[]> {
  return rows<FailureCount>(
    db,
    sql`select r.error_code as "errorCode", sum(r.messages)::int as n
        from ${MESSAGE_ROLLUPS} r where ${inScope(scope, sql`r.direction = 'outbound' and r.status in ('undelivered', 'failed')`)}
        group by 1 having sum(r.messages) <> 0 order by 2 desc, 1`,
  );
}

export function countInboundByHourFromRollups({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<HourCount[]> {
  return rows<HourCount>(
    db,
    sql`select extract(isodow from r.hour at time zone ${scope.timeZone})::int as weekday,
               extract(hour from r.hour at time zone ${scope.timeZone})::int as hour, sum(r.messages)::int as n
        from ${MESSAGE_ROLLUPS} r where ${inScope(scope, sql`r.direction = 'inbound'`)}
        group by 1, 2 having sum(r.messages) <> 0`,
  );
}

export function countUsageFromRollups({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<UsageRow[]> {
  return rows<UsageRow>(
    db,
    sql`select r.integration_id as "integrationId", i.name as "integrationName", r.country, r.direction::text as direction,
               sum(r.segments)::int as segments, sum(r.messages)::int as messages
        from ${MESSAGE_ROLLUPS} r join sms_integrations i on i.id = r.integration_id
        where ${inScope(scope, inOrOut)}
        group by 1, 2, 3, 4 having sum(r.messages) <> 0
        order by 2, 3, 4`,
  );
}

/**
 * Tickets each agent replied on (replies Twilio took) from `start` on and before it, as the
 * "answered" CTE of countAgentActivity reads them.
 */
export const answeredFromRollups = (scope: ReportScope, start: Date) =>
  sql`select r.author_id as id,
             count(distinct r.ticket_id) filter (where r.hour >= ${start.toISOString()}::timestamptz)::int as now,
             count(distinct r.ticket_id) filter (where r.hour < ${start.toISOString()}::timestamptz)::int as before
      from reply_rollups r where ${inScope(scope)} group by 1`;
