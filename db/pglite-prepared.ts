import type { PGlite, Results } from "@electric-sql/pglite";

type BackendMessage = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];

interface Statement {
  name: string;
  /** Each parameter's type, as PostgreSQL inferred it when parsing the statement. */
  paramTypes: number[];
}

/** Per database, its prepared statements by their text. */
const prepared = new WeakMap<PGlite, Map<string, Statement>>();
let named = 0;
let pgliteModule: Promise<typeof import("@electric-sql/pglite")> | undefined;

/**
 * Runs one statement on PGlite as a named prepared statement: parsed and planned on its first
 * run, then each run only binds and executes it. PGlite's own `query()` parses and plans its
 * text every time, which for the inbound filing statement cost more than running it: prepared,
 * ingest on a million-message inbox went from 122 to 260 texts a second (BENCHMARKS.md). It
 * waits for any transaction on the database as `query()` does, so it never runs inside someone
 * else's, and reads its rows the same way.
 */
export async function runPreparedOnPglite(pg: PGlite, text: string, params: unknown[]): Promise<Results> {
  const { protocol, parse } = await (pgliteModule ??= import("@electric-sql/pglite"));
  const { serialize } = protocol;
  await pg._checkReady();
  return pg._runExclusiveTransaction(() =>
    pg._runExclusiveQuery(async () => {
      const send = (message: Uint8Array) => pg.execProtocolStream(message, { syncToFs: false });
      const statements = prepared.get(pg) ?? new Map<string, Statement>();
      prepared.set(pg, statements);
      const messages: BackendMessage[] = [];
      try {
        let statement = statements.get(text);
        if (!statement) {
          const name = `prepared_${++named}`;
          await send(serialize.parse({ name, text }));
          statement = { name, paramTypes: parse.parseDescribeStatementResults(await send(serialize.describe({ type: "S", name }))) };
          statements.set(text, statement);
        }
        const { paramTypes } = statement;
        const values = params.map((value, i) => {
          if (value === null || value === undefined) return null;
          const serializer = pg.serializers[paramTypes[i]!];
          return serializer ? serializer(value) : String(value);
        });
        messages.push(
          ...(await send(serialize.bind({ statement: statement.name, values }))),
          ...(await send(serialize.describe({ type: "P" }))),
          ...(await send(serialize.execute({}))),
        );
      } finally {
        // Ends the extended query, after an error too, so the connection takes the next one.
        messages.push(...(await send(serialize.sync())));
      }
      await pg.syncToFs();
      const [result] = parse.parseResults(messages, pg.parsers);
      return result!;
    }),
  );
}
