import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executePrepared, PreparedQueryError, rowsOf, type DatabaseHandle } from "@/db/client";
import { testDatabases } from "../support/database";

// executePrepared (db/client.ts): one statement, prepared once per connection, run outside any
// transaction. On PGlite it goes through the extended protocol itself (db/pglite-prepared.ts).

describe.each(testDatabases())("prepared statements on $name", (database) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await database.open();
    await handle.db.execute(sql`create table prepared_probe (id serial primary key, label text unique, note text, tags text[])`);
  });
  afterAll(() => handle.close());

  const insert = "insert into prepared_probe (label, note, tags) values ($1, $2, $3::text[]) returning id, label, note, tags";

  it("answers rows with their types, takes nulls and arrays, and is parsed once however often it runs", async () => {
    const first = rowsOf<{ id: number; label: string; note: string | null; tags: string[] }>(await executePrepared(handle.db, insert, ["a", null, ["x", "y, z"]]));
    expect(first).toEqual([{ id: expect.any(Number), label: "a", note: null, tags: ["x", "y, z"] }]);
    for (const label of ["b", "c", "d"]) await executePrepared(handle.db, insert, [label, "it's", []]);
    const [row] = rowsOf<{ note: string; tags: string[] }>(await executePrepared(handle.db, "select note, tags from prepared_probe where label = $1", ["d"]));
    expect(row).toEqual({ note: "it's", tags: [] });
    if (database.name === "pglite") {
      const statements = rowsOf<{ statement: string }>(await handle.db.execute(sql`select statement from pg_prepared_statements where statement like 'insert into prepared_probe%'`));
      expect(statements).toHaveLength(1);
    }
  });

  it("reports a failed statement with its text and the database's error, and the next statement runs", async () => {
    const failure = await executePrepared(handle.db, insert, ["a", null, []]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PreparedQueryError);
    expect((failure as PreparedQueryError).query).toBe(insert);
    expect(((failure as PreparedQueryError).cause as { code?: string }).code).toBe("23505");
    const bad = await executePrepared(handle.db, "select nonsense from prepared_probe where label = $1", ["a"]).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(PreparedQueryError);
    const [row] = rowsOf<{ count: number }>(await executePrepared(handle.db, "select count(*)::int as count from prepared_probe where label = $1", ["a"]));
    expect(row).toEqual({ count: 1 });
  });

  it("waits for a transaction in progress instead of running inside it", async () => {
    let releaseTransaction!: () => void;
    const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
    let inserted = false;
    const transaction = handle.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into prepared_probe (label) values ('rolled back')`);
        await held;
        throw new Error("roll back");
      })
      .catch(() => "rolled back");
    // Let the transaction begin before the statement is sent.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = executePrepared(handle.db, insert, ["outside", null, []]).then(() => (inserted = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (database.name === "pglite") expect(inserted).toBe(false);
    releaseTransaction();
    expect(await transaction).toBe("rolled back");
    await outside;
    const labels = rowsOf<{ label: string }>(await handle.db.execute(sql`select label from prepared_probe where label in ('outside', 'rolled back')`)).map((row) => row.label);
    expect(labels).toEqual(["outside"]);
  });
});
