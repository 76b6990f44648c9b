import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { insertJob } from "@/db/queries/jobs";
import { jobs } from "@/db/schema";
import { pruneJobs } from "@/lib/jobs/worker";
import { testDatabases } from "../support/database";

describe.each(testDatabases())("pruning finished background work on $name", (database) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  /** A job in a given state, its finish (or due) time `daysAgo` days back by the database's clock. */
  async function jobIn(state: "done" | "failed" | "pending", daysAgo: number): Promise<string> {
    const key = `${state}-${daysAgo}-${Math.random()}`;
    await insertJob({ db: handle.db, job: { kind: "test.noop", payload: {}, dedupeKey: key } });
    const at = sql`now() - make_interval(days => ${daysAgo})`;
    const set = state === "done" ? { doneAt: at } : state === "failed" ? { failedAt: at, lastError: "gave up" } : { runAt: at };
    await handle.db.update(jobs).set(set).where(eq(jobs.dedupeKey, key));
    return key;
  }

  it("deletes done work after 7 days and given-up work after 30, and never pending work", async () => {
    const keep = [await jobIn("done", 1), await jobIn("done", 6), await jobIn("failed", 8), await jobIn("failed", 29), await jobIn("pending", 400)];
    const drop = [await jobIn("done", 8), await jobIn("done", 90), await jobIn("failed", 31)];

    expect(await pruneJobs({ db: handle.db })).toBe(drop.length);

    const left = await handle.db.select({ key: jobs.dedupeKey }).from(jobs);
    expect(left.map((row) => row.key).sort()).toEqual([...keep].sort());
    expect(await pruneJobs({ db: handle.db })).toBe(0);
  });

  it("works through more old jobs than one batch", async () => {
    await handle.db.delete(jobs);
    await handle.db.execute(
      sql`insert into jobs (kind, payload, done_at) select 'test.noop', '{}'::jsonb, now() - interval '10 days' from generate_series(1, 2500)`,
    );
    expect(await pruneJobs({ db: handle.db })).toBe(2500);
    const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(jobs);
    expect(row?.n).toBe(0);
  });
});
