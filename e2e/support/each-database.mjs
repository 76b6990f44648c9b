// `npm run test:e2e`: the browser tests on PGlite, then again on PostgreSQL when
// TEST_DATABASE_URL names a server (server.mjs picks the database from it). Arguments go to
// each `playwright test`.
import { spawnSync } from "node:child_process";

const runs = [{ name: "PGlite", url: undefined }];
if (process.env.TEST_DATABASE_URL) runs.push({ name: "PostgreSQL", url: process.env.TEST_DATABASE_URL });

for (const { name, url } of runs) {
  console.log(`\n== browser tests on ${name}`);
  const env = { ...process.env };
  if (url) env.TEST_DATABASE_URL = url;
  else delete env.TEST_DATABASE_URL;
  const run = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], { env, stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
