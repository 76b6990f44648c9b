// `npm run test:e2e`: the browser tests on PGlite and, when TEST_DATABASE_URL names a
// server, on PostgreSQL too (server.mjs picks the database from it).
//
// The tests spend most of their time waiting on the app and the browser, not computing, so
// the runs go at once: PGlite's and PostgreSQL's, and, with E2E_SHARDS=n (default 1, as in
// CI), each database's spec files split into n parts. Each is its own `playwright test
// [--shard]` with its own app server on its own
// port, its own fresh database and its own signed-in sessions (first-run.setup.ts runs in
// each). Nothing is shared between two runs, so tests that change app-wide settings cannot
// disturb each other. Ports: E2E_PORT (3100), then +10 for each further run (PGlite's
// parts first). E2E_ONE_AT_A_TIME=1 runs the parts one after the other instead.
// Each run's lines are prefixed with its name. Arguments go to each `playwright test`.
import { spawn } from "node:child_process";
import readline from "node:readline";

const basePort = Number(process.env.E2E_PORT || 3100);
const shards = Math.max(1, Number(process.env.E2E_SHARDS || 1));
const databases = [{ name: "PGlite", url: undefined }];
if (process.env.TEST_DATABASE_URL) databases.push({ name: "PostgreSQL", url: process.env.TEST_DATABASE_URL });

const runs = databases.flatMap((database, d) =>
  Array.from({ length: shards }, (_, s) => ({
    ...database,
    label: shards > 1 ? `${database.name} ${s + 1}/${shards}` : database.name,
    shard: shards > 1 ? `${s + 1}/${shards}` : null,
    port: basePort + 10 * (d * shards + s),
  })),
);
const oneAtATime = process.env.E2E_ONE_AT_A_TIME === "1" || runs.length === 1;

/** One `playwright test`; resolves to its exit status and how long it took. */
function run({ label, url, port, shard }) {
  const env = { ...process.env, E2E_PORT: String(port) };
  if (url) env.TEST_DATABASE_URL = url;
  else delete env.TEST_DATABASE_URL;
  const args = ["node_modules/@playwright/test/cli.js", "test", ...(shard ? [`--shard=${shard}`] : []), ...process.argv.slice(2)];
  const started = Date.now();
  console.log(`== browser tests on ${label} (port ${port})`);
  const child = spawn(process.execPath, args, { env, stdio: oneAtATime ? "inherit" : ["ignore", "pipe", "pipe"] });
  if (!oneAtATime) {
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on("line", (line) => console.log(`[${label}] ${line}`));
    }
  }
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => resolve({ label, status: code ?? (signal ? 1 : 0), seconds: Math.round((Date.now() - started) / 1000) }));
  });
}

const results = [];
if (oneAtATime) {
  for (const item of runs) {
    const result = await run(item);
    results.push(result);
    if (result.status !== 0) break;
  }
} else {
  results.push(...(await Promise.all(runs.map(run))));
}

console.log("");
for (const { label, status, seconds } of results) console.log(`== browser tests on ${label}: ${status === 0 ? "passed" : "FAILED"} in ${seconds} s`);
process.exit(results.some((result) => result.status !== 0) ? 1 : 0);
