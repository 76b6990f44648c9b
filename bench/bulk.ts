// `npm run bench:bulk`: "select all matching" on 10,000 tickets + close, then Undo, each timed
// from the request to the last ticket changed, through the real job handler. PGlite in memory,
// and PostgreSQL when BENCH_DATABASE_URL names a server. BENCH_BULK_TICKETS changes the size.
import postgres from "postgres";
import type { DatabaseHandle } from "../db/client";
import { openPglite, openPostgres } from "../db/drivers";
import { runBulkScenario, type BulkFigure } from "./bulk-steps";

const TICKETS = Number(process.env.BENCH_BULK_TICKETS || 10_000);

function line(database: string, figure: BulkFigure) {
  console.log(
    `${database.padEnd(10)} ${figure.name.padEnd(44)} ${(figure.ms / 1000).toFixed(2).padStart(6)} s  ${figure.changed.toLocaleString("en-US")} tickets  target < 10 s  ${figure.ok ? "ok" : "MISSED"}`,
  );
}

async function main() {
  const targets: [string, () => Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }>][] = [
    ["pglite", async () => ({ handle: await openPglite("memory://"), drop: async () => {} })],
  ];
  const server = process.env.BENCH_DATABASE_URL;
  if (server) {
    targets.push([
      "postgresql",
      async () => {
        const name = `bulk_bench_${Date.now()}`;
        const admin = postgres(server, { max: 1, onnotice: () => {} });
        await admin.unsafe(`create database ${name}`);
        const url = new URL(server);
        url.pathname = `/${name}`;
        const handle = await openPostgres(url.toString());
        const drop = async () => {
          await handle.close();
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          await admin.end();
        };
        return { handle, drop };
      },
    ]);
  }
  for (const [name, open] of targets) {
    const { handle, drop } = await open();
    for (const figure of await runBulkScenario({ handle, count: TICKETS })) line(name, figure);
    if (name === "pglite") await handle.close();
    else await drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
