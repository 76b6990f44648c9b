import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { allOf, dayOf, integrationAndAssignee, rows, within, type DayCount, type ReportScope } from "./report-scope";

export type { DayCount, ReportScope } from "./report-scope";

const epochMs = (column: SQL) => sql`(extract(epoch from ${column}) * 1000)::float8`;

const filtersTickets = (scope: ReportScope) => Boolean(scope.integrationId || scope.assigneeId || scope.tag);

/** Rows of `table` (aliased `alias`, with a ticket_id), joined to their ticket only when a filter needs it. */
function fromTicketRows(table: "messages" | "events", alias: "m" | "e", scope: ReportScope): SQL {
  return filtersTickets(scope)
    ? sql`${sql.raw(table)} ${sql.raw(alias)} join tickets t on t.id = ${sql.raw(alias)}.ticket_id`
    : sql`${sql.raw(table)} ${sql.raw(alias)}`;
}

function ticketFilter(scope: ReportScope): SQL {
  return allOf([...integrationAndAssignee("t", scope), ...(scope.tag ? [sql`${scope.tag} = any(t.tags)`] : [])]);
}

/**
 * A report's heavier statements, over a whole period (50,000 to 150,000 narrow rows): their
 * sorts in memory rather than in temporary files (the default work_mem, 4 MB, is a little short
 * for them), and no parallel workers (a page runs ten charts at once already; workers only add
 * their start-up). Only for the statement's own transaction.
 */
function inReportTransaction<T>(db: DbOrTx, run: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('work_mem', '16MB', true), set_config('max_parallel_workers_per_gather', '0', true)`);
    return run(tx);
  });
}

/**
 * New tickets per day (key "new"), and reopened ones (key "reopened"; an agent's undo of a
 * close does not count). With `wholeHours` (the time zone is whole hours from UTC over the
 * scope) they are counted per UTC hour first, and only the hours are put on the local clock.
 */
export function countTicketsPerDay({ db, scope, wholeHours = false }: { db: DbOrTx; scope: ReportScope; wholeHours?: boolean }): Promise<DayCount[]> {
  const bucket = (column: SQL) => (wholeHours ? sql`date_trunc('hour', ${column}, 'UTC')` : dayOf(column, scope.timeZone));
  return inReportTransaction(db, (tx) =>
    rows<DayCount>(
      tx,
    sql`select ${wholeHours ? dayOf(sql`x.at`, scope.timeZone) : sql`x.at`} as day, x.key, sum(x.n)::int as n from (
          select ${bucket(sql`t.created_at`)} as at, 'new' as key, count(*) as n
          from tickets t where ${within(sql`t.created_at`, scope)} and ${ticketFilter(scope)} group by 1
          union all
          select ${bucket(sql`e.created_at`)}, 'reopened', count(*)
          from ${fromTicketRows("events", "e", scope)}
          where e.type = 'ticket.reopened' and coalesce(e.data->>'undo', '') <> 'true' and ${within(sql`e.created_at`, scope)} and ${ticketFilter(scope)}
          group by 1
        ) x group by 1, 2`,
    ),
  );
}

export interface DaySegments {
  day: string;
  direction: "inbound" | "outbound";
  segments: number;
  messages: number;
}

/** Texts in and out per day, in SMS segments. A reply counts once Twilio took it (it has a SID). */
export function countSegmentsPerDay({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<DaySegments[]> {
  return rows<DaySegments>(
    db,
    sql`select ${dayOf(sql`m.created_at`, scope.timeZone)} as day, m.direction::text as direction,
               coalesce(sum(m.segments), 0)::int as segments, count(*)::int as messages
        from ${fromTicketRows("messages", "m", scope)}
        where ${within(sql`m.created_at`, scope)} and (m.direction = 'inbound' or (m.direction = 'outbound' and m.twilio_sid is not null))
          and ${ticketFilter(scope)}
        group by 1, 2`,
  );
}

/**
 * Tickets `t` an agent answered, once per ticket however often it reopened: their first reply
 * an agent wrote that Twilio took (auto-replies do not count), kept on the ticket by a trigger.
 * Conversations an agent started (no customer's text before that reply) are left out.
 */
const answeredByCustomerFirst = sql`t.first_reply_at is not null and t.first_inbound_at <= t.first_reply_at`;

export interface FirstResponse {
  createdAt: number;
  respondedAt: number;
  agentId: string;
}

/**
 * Each ticket opened in the scope that an agent answered, with the first reply an agent wrote
 * on it that Twilio took, once per ticket however often it was reopened: one narrow row per
 * ticket (instants in milliseconds), read from an index that holds them. Conversations an
 * agent started are left out.
 */
export function listFirstResponses({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<FirstResponse[]> {
  return rows<FirstResponse>(
    db,
    sql`select ${epochMs(sql`t.created_at`)} as "createdAt", ${epochMs(sql`t.first_reply_at`)} as "respondedAt", t.first_reply_by as "agentId"
        from tickets t
        where ${within(sql`t.created_at`, scope)} and ${ticketFilter(scope)} and ${answeredByCustomerFirst}`,
  );
}

/** Tickets opened in the scope that no agent has answered yet. */
export async function countUnanswered({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<number> {
  const [found] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from tickets t
        where ${within(sql`t.created_at`, scope)} and ${ticketFilter(scope)} and t.first_reply_at is null`,
  );
  return found?.n ?? 0;
}

export interface Resolution {
  createdAt: number;
  closedAt: number;
}

/** Tickets closed in the scope (and still closed), with when they were opened: one narrow row per ticket. */
export function listResolutions({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<Resolution[]> {
  return rows<Resolution>(
    db,
    sql`select ${epochMs(sql`t.created_at`)} as "createdAt", ${epochMs(sql`t.closed_at`)} as "closedAt"
        from tickets t where t.status = 'closed' and ${within(sql`t.closed_at`, scope)} and ${ticketFilter(scope)}`,
  );
}

/**
 * Durations summed up in the database: for each period ("now" or "before") in all (day and
 * agentId null), and per day or per agent, how many, the median and the 90th percentile in
 * milliseconds (percentile_cont: interpolated between ranks).
 */
export interface DurationSummary {
  period: "now" | "before";
  day: string | null;
  agentId: string | null;
  n: number;
  median: number;
  p90: number;
}

/** Milliseconds from `from` to `to`, as a float8 (no numeric on the way: extract() would make one per row). */
const msBetween = (from: SQL, to: SQL) => sql`date_part('epoch', ${to} - ${from}) * 1000`;

/** The local day, as a date (cheap to sort and group; spelt out once per group). */
const localDate = (column: SQL, timeZone: string) => sql`(${column} at time zone ${timeZone})::date`;

/**
 * Durations `d` (columns now, day and ms; ms null for rows that only count elsewhere) by
 * period, and with `byDay` by period and day too. `extra` adds aggregates over the period's rows.
 */
async function summarizeByDay<T extends object = object>(db: DbOrTx, durations: SQL, byDay: boolean, extra: SQL = sql``): Promise<(DurationSummary & T)[]> {
  const found = await inReportTransaction(db, (tx) =>
    rows<DurationSummary & T>(
      tx,
      sql`with d as (${durations})
          select case when now then 'now' else 'before' end as period, ${byDay ? sql`case when grouping(day) = 0 then to_char(day, 'YYYY-MM-DD') end` : sql`null::text`} as day,
                 null::uuid as "agentId", count(ms)::int as n,
                 percentile_cont(0.5) within group (order by ms) as median,
                 percentile_cont(0.9) within group (order by ms) as p90${extra}
          from d group by grouping sets ((now)${byDay ? sql`, (now, day)` : sql``})`,
    ),
  );
  return found.filter((row) => row.n > 0 || row.day === null).map((row) => ({ ...row, median: Number(row.median), p90: Number(row.p90) }));
}

export interface FirstResponseSummaries {
  summaries: DurationSummary[];
  /** Tickets opened in the scope's "now" period that no agent has answered yet. */
  unanswered: number;
}

/**
 * First responses on the clock for tickets opened in the scope, by period (and by day), read
 * from the tickets' index alone, with the tickets of the period not answered yet counted on
 * the way (one pass over the period's tickets).
 */
export async function summarizeFirstResponses({ db, scope, start, byDay }: { db: DbOrTx; scope: ReportScope; start: Date; byDay: boolean }): Promise<FirstResponseSummaries> {
  const found = await summarizeByDay<{ unanswered: number }>(
    db,
    sql`select t.created_at >= ${start.toISOString()}::timestamptz as now, ${localDate(sql`t.created_at`, scope.timeZone)} as day,
               case when ${answeredByCustomerFirst} then ${msBetween(sql`t.created_at`, sql`t.first_reply_at`)} end as ms,
               t.first_reply_at is null as unanswered
        from tickets t
        where ${within(sql`t.created_at`, scope)} and ${ticketFilter(scope)}`,
    byDay,
    sql`, count(*) filter (where unanswered)::int as unanswered`,
  );
  const unanswered = found.find((row) => row.period === "now" && row.day === null)?.unanswered ?? 0;
  return { summaries: found.filter((row) => row.n > 0).map(({ unanswered: _, ...row }) => row), unanswered };
}

/** First responses on the clock per agent (the one whose reply came first) for tickets opened in the scope: period "now". */
export async function summarizeFirstResponsesByAgent({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<DurationSummary[]> {
  const found = await inReportTransaction(db, (tx) =>
    rows<DurationSummary>(
      tx,
      sql`select 'now' as period, null as day, t.first_reply_by as "agentId", count(*)::int as n,
                 percentile_cont(0.5) within group (order by ${msBetween(sql`t.created_at`, sql`t.first_reply_at`)}) as median,
                 percentile_cont(0.9) within group (order by ${msBetween(sql`t.created_at`, sql`t.first_reply_at`)}) as p90
          from tickets t
          where ${within(sql`t.created_at`, scope)} and ${ticketFilter(scope)} and ${answeredByCustomerFirst}
          group by t.first_reply_by`,
    ),
  );
  return found.map((row) => ({ ...row, median: Number(row.median), p90: Number(row.p90) }));
}

/** Resolutions on the clock, by period (and by day of the last close) (see DurationSummary; agentId is always null). */
export function summarizeResolutions({ db, scope, start, byDay }: { db: DbOrTx; scope: ReportScope; start: Date; byDay: boolean }): Promise<DurationSummary[]> {
  return summarizeByDay(
    db,
    sql`select t.closed_at >= ${start.toISOString()}::timestamptz as now, ${localDate(sql`t.closed_at`, scope.timeZone)} as day,
               ${msBetween(sql`t.created_at`, sql`t.closed_at`)} as ms
        from tickets t where t.status = 'closed' and ${within(sql`t.closed_at`, scope)} and ${ticketFilter(scope)}`,
    byDay,
  );
}

/** Replies per day by their final status: delivered, undelivered or failed. */
export function countDeliveryPerDay({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<DayCount[]> {
  return rows<DayCount>(
    db,
    sql`select ${dayOf(sql`m.created_at`, scope.timeZone)} as day, m.status::text as key, count(*)::int as n
        from ${fromTicketRows("messages", "m", scope)}
        where m.direction = 'outbound' and m.status in ('delivered', 'undelivered', 'failed') and ${within(sql`m.created_at`, scope)} and ${ticketFilter(scope)}
        group by 1, 2`,
  );
}

export interface FailureCount {
  errorCode: number | null;
  n: number;
}

/** Undelivered and failed replies by Twilio's error code. */
export function countFailuresByCode({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<FailureCount[]> {
  return rows<FailureCount>(
    db,
    sql`select m.error_code as "errorCode", count(*)::int as n
        from ${fromTicketRows("messages", "m", scope)}
        where m.direction = 'outbound' and m.status in ('undelivered', 'failed') and ${within(sql`m.created_at`, scope)} and ${ticketFilter(scope)}
        group by 1 order by 2 desc, 1`,
  );
}

/** Opt-outs (key "opted_out") and opt-ins ("opted_in") per day. */
export function countOptChangesPerDay({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<DayCount[]> {
  return rows<DayCount>(
    db,
    sql`select ${dayOf(sql`e.created_at`, scope.timeZone)} as day, substr(e.type, 10) as key, count(*)::int as n
        from ${fromTicketRows("events", "e", scope)}
        where e.type in ('customer.opted_out', 'customer.opted_in') and ${within(sql`e.created_at`, scope)} and ${ticketFilter(scope)}
        group by 1, 2`,
  );
}

/** Refused messages per day by reason. */
export function countRefusedPerDay({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<DayCount[]> {
  return rows<DayCount>(
    db,
    sql`select ${dayOf(sql`r.created_at`, scope.timeZone)} as day, r.reason::text as key, count(*)::int as n
        from refused_messages r
        where ${within(sql`r.created_at`, scope)} ${scope.integrationId ? sql`and r.integration_id = ${scope.integrationId}` : sql``}
        group by 1, 2`,
  );
}

export interface HourCount {
  /** 1 Monday … 7 Sunday */
  weekday: number;
  hour: number;
  n: number;
}

/** Customers' texts by weekday and hour on the business's clock. */
export function countInboundByHour({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<HourCount[]> {
  return rows<HourCount>(
    db,
    sql`select extract(isodow from m.created_at at time zone ${scope.timeZone})::int as weekday,
               extract(hour from m.created_at at time zone ${scope.timeZone})::int as hour, count(*)::int as n
        from ${fromTicketRows("messages", "m", scope)}
        where m.direction = 'inbound' and ${within(sql`m.created_at`, scope)} and ${ticketFilter(scope)}
        group by 1, 2`,
  );
}

export interface AgentActivity {
  agentId: string;
  name: string;
  /** In the period from `start` on. */
  answered: number;
  closed: number;
  /** In the period before `start`. */
  answeredBefore: number;
  closedBefore: number;
}

/**
 * Per agent, in the period from `start` on and in the one before: tickets they replied on,
 * and tickets they closed. Agents with nothing in either are left out. `answered` replaces how
 * replies are read (from rollups, see report-rollups.ts); by default from messages. Its rows:
 * id, now (distinct tickets from `start` on) and before.
 */
export function countAgentActivity({ db, scope, start, answered }: { db: DbOrTx; scope: ReportScope; start: Date; answered?: SQL }): Promise<AgentActivity[]> {
  const from = start.toISOString();
  return inReportTransaction(db, (tx) =>
    rows<AgentActivity>(
      tx,
      sql`with answered as (${
        answered ??
        sql`select m.author_id as id,
                   count(distinct m.ticket_id) filter (where m.created_at >= ${from}::timestamptz)::int as now,
                   count(distinct m.ticket_id) filter (where m.created_at < ${from}::timestamptz)::int as before
            from ${fromTicketRows("messages", "m", scope)}
            where m.direction = 'outbound' and m.author_id is not null and m.twilio_sid is not null and ${within(sql`m.created_at`, scope)} and ${ticketFilter(scope)}
            group by 1`
      }), closed as (
            select e.actor_id as id,
                   count(*) filter (where e.created_at >= ${from}::timestamptz)::int as now,
                   count(*) filter (where e.created_at < ${from}::timestamptz)::int as before
            from ${fromTicketRows("events", "e", scope)}
            where e.type = 'ticket.closed' and e.actor_id is not null and ${within(sql`e.created_at`, scope)} and ${ticketFilter(scope)}
            group by 1
          )
          select u.id as "agentId", u.name, coalesce(a.now, 0)::int as answered, coalesce(c.now, 0)::int as closed,
                 coalesce(a.before, 0)::int as "answeredBefore", coalesce(c.before, 0)::int as "closedBefore"
          from users u left join answered a on a.id = u.id left join closed c on c.id = u.id
          where a.id is not null or c.id is not null
          order by u.name`,
    ),
  );
}

export interface UsageRow {
  integrationId: string;
  integrationName: string;
  country: string | null;
  direction: "inbound" | "outbound";
  segments: number;
  messages: number;
}

/** Segments sent and received per integration and customer's country. */
export function countUsage({ db, scope }: { db: DbOrTx; scope: ReportScope }): Promise<UsageRow[]> {
  return rows<UsageRow>(
    db,
    sql`select t.integration_id as "integrationId", i.name as "integrationName", c.country, m.direction::text as direction,
               coalesce(sum(m.segments), 0)::int as segments, count(*)::int as messages
        from messages m join tickets t on t.id = m.ticket_id join customers c on c.id = t.customer_id join sms_integrations i on i.id = t.integration_id
        where ${within(sql`m.created_at`, scope)} and (m.direction = 'inbound' or (m.direction = 'outbound' and m.twilio_sid is not null))
          and ${ticketFilter(scope)}
        group by 1, 2, 3, 4
        order by 2, 3, 4`,
  );
}
