// `npm run test:e2e`: the browser tests on PGlite and, when TEST_DATABASE_URL names a
// server, on a fresh PostgreSQL database there (server.mjs picks the database from it).
// The two runs go at once, each with its own app server: PGlite on E2E_PORT (3100), PostgreSQL
// on E2E_PORT + 10. Each run's lines are prefixed with its database. E2E_ONE_AT_A_TIME=1 runs
// them one after the other instead. Arguments go to each `playwright test`.
import { spawn } from "node:child_process";
import readline from "node:readline";

const basePort = Number(process.env.E2E_PORT || 3100);
const runs = [{ name: "PGlite", url: undefined, port: basePort }];
if (process.env.TEST_DATABASE_URL) runs.push({ name: "PostgreSQL", url: process.env.TEST_DATABASE_URL, port: basePort + 10 });
const oneAtATime = process.env.E2E_ONE_AT_A_TIME === "1" || runs.length === 1;

/** One `playwright test` on one database; resolves to its exit status and how long it took. */
function run({ name, url, port }) {
  const env = { ...process.env, E2E_PORT: String(port) };
  if (url) env.TEST_DATABASE_URL = url;
  else delete env.TEST_DATABASE_URL;
  const started = Date.now();
  console.log(`\n== browser tests on ${name} (port ${port})`);
  const child = spawn(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
    env,
    stdio: oneAtATime ? "inherit" : ["ignore", "pipe", "pipe"],
  });
  if (!oneAtATime) {
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on("line", (line) => console.log(`[${name}] ${line}`));
    }
  }
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => resolve({ name, status: code ?? (signal ? 1 : 0), seconds: Math.round((Date.now() - started) / 1000) }));
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
for (const { name, status, seconds } of results) console.log(`== browser tests on ${name}: ${status === 0 ? "passed" : "FAILED"} in ${seconds} s`);
process.exit(results.some((result) => result.status !== 0) ? 1 : 0);
