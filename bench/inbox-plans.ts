// `npx tsx --conditions=react-server bench/inbox-plans.ts [tickets]`: fills a fresh database with tickets and
// EXPLAINs the inbox's queries, to check each walks an index instead of sorting the
// table. On PostgreSQL when BENCH_DATABASE_URL is set, else on PGlite.
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "../db/client";
import { encodeCursor } from "../db/queries/cursor";
import { inboxTicketsQuery, INBOX_VIEWS, type InboxQuery } from "../db/queries/tickets";
import { smsIntegrations, users } from "../db/schema";
import { parseInboxSearch, parseSearchQuery } from "../lib/tickets/search";
import { freshTarget, openTarget } from "./database";

const TICKETS = Number(process.argv[2] ?? 200_000);

async function seed(db: Database) {
  const [user] = await db.insert(users).values({ name: "Plan Agent", email: "plans@example.com", passwordHash: "x" }).returning();
  const integrations = await db
    .insert(smsIntegrations)
    .values([{ name: "A", phoneE164: "+14155550100" }, { name: "B", phoneE164: "+14155550101" }])
    .returning();
  const [a, b] = integrations;
  await db.execute(sql`insert into customers (phone_e164, name, country) select '+1212' || lpad(g::text, 7, '0'), 'Customer ' || g, 'US' from generate_series(1, ${TICKETS}) g`);
  await db.execute(sql`
    insert into tickets (integration_id, customer_id, status, last_message_at, last_message_preview, assignee_id, last_inbound_at)
    select case when random() < 0.5 then ${a!.id}::uuid else ${b!.id}::uuid end, c.id,
      case when random() < 0.85 then 'closed'::ticket_status else 'open'::ticket_status end,
      now() - random() * interval '365 days', 'preview',
      case when random() < 0.05 then ${user!.id}::uuid end, case when random() < 0.1 then now() end
    from customers c`);
  await db.execute(sql`
    insert into messages (ticket_id, direction, body, status, created_at)
    select t.id, 'inbound', 'Where is my order ' || (random() * 100000)::int || '? ' || (array['refund','shipping','late','broken'])[1 + (random() * 3)::int], 'received', t.last_message_at
    from tickets t`);
  await db.execute(sql`update tickets set tags = array_remove(array[case when random() < 0.05 then 'vip' end, case when random() < 0.15 then 'refund' end], null)`);
  await db.execute(sql`analyze`);
  return { userId: user!.id, integrationId: a!.id };
}

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function explain(db: Database, name: string, query: InboxQuery, expectIndex: boolean) {
  const built = inboxTicketsQuery(query).toSQL();
  const answer = (await db.execute(sql.raw(`explain (analyze, format json) ${inline(built.sql, built.params)}`))) as unknown;
  const rows = rowsOf<{ "QUERY PLAN": unknown }>(answer);
  const raw = rows[0]!["QUERY PLAN"];
  const result = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode; "Execution Time": number }[];
  const all = nodes(result[0]!.Plan);
  const ticketScans = all.filter((node) => node["Relation Name"] === "tickets");
  const sorted = all.some((node) => node["Node Type"] === "Sort");
  const indexes = ticketScans.map((node) => `${node["Node Type"]}${node["Index Name"] ? ` on ${node["Index Name"]}` : ""}`).join(", ");
  const ok = !expectIndex || (!sorted && ticketScans.every((node) => node["Node Type"].startsWith("Index")));
  console.log(`${ok ? "ok  " : "SORT"} ${name.padEnd(34)} ${result[0]!["Execution Time"].toFixed(1).padStart(8)} ms  ${indexes}${sorted ? "  + Sort" : ""}`);
  return ok;
}

// EXPLAIN cannot take bind parameters here; the values are this script's own, not input.
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    return typeof value === "number" ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  });
}

async function main() {
  const target = await freshTarget(process.env.BENCH_DATABASE_URL ? "postgresql" : "pglite");
  const handle = await openTarget(target);
  const { db } = handle;
  console.log(`${target.name}: seeding ${TICKETS} tickets…`);
  const { userId, integrationId } = await seed(db);
  const deep = (await inboxTicketsQuery({ db, view: "all", userId, limit: 1000 }).then((rows) => rows.at(-1)))!;
  const cursor = { at: deep.stamp, id: deep.id };
  console.log(`cursor for page 20: ${encodeCursor(cursor).slice(0, 12)}…\n`);
  let ok = true;
  for (const view of INBOX_VIEWS) {
    ok = (await explain(db, `${view}`, { db, view, userId, limit: 50 }, true)) && ok;
    ok = (await explain(db, `${view}, page 20`, { db, view, userId, limit: 50, cursor }, true)) && ok;
  }
  ok = (await explain(db, "open, one integration", { db, view: "open", userId, integrationId, limit: 50 }, true)) && ok;
  ok = (await explain(db, "closed, one integration, page 20", { db, view: "closed", userId, integrationId, limit: 50, cursor }, true)) && ok;
  // A bitmap scan of the GIN index and a sort of the matches, or a walk of the view's index
  // testing tags: either is fast; the planner picks by how common the tag is.
  await explain(db, "open, one tag", { db, view: "open", userId, tag: "vip", limit: 50 }, false);
  await explain(db, "all, one tag, page 20", { db, view: "all", userId, tag: "refund", limit: 50, cursor }, false);
  await explain(db, "mine, one tag", { db, view: "mine", userId, tag: "refund", limit: 50 }, false);
  await explain(db, "search: words in messages", { db, view: "all", userId, limit: 50, search: parseInboxSearch("refund 4242") }, false);
  await explain(db, "search: whole number", { db, view: "all", userId, limit: 50, search: parseInboxSearch("(212) 000-0042") }, false);
  await explain(db, "search: part of a number", { db, view: "all", userId, limit: 50, search: parseInboxSearch("0004242") }, false);
  await explain(db, "search: name", { db, view: "all", userId, limit: 50, search: parseInboxSearch("Customer 4242") }, false);
  await explain(db, "search: words with tag and status filters", { db, view: "all", userId, limit: 50, search: parseSearchQuery("broken 4242 tag:vip status:open").search }, false);
  await handle.close();
  if (!ok) process.exitCode = 1;
}

void main();
