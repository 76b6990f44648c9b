// `BENCH_DATABASE_URL=postgres://… npx tsx --conditions=react-server bench/report-seed.ts`: a fresh
// database with the reports scenario's data (100,000 tickets, 1,000,000 messages), left behind
// for `bench/report-plans.ts`; prints its URL.
import { freshTarget, openTarget } from "./database";
import { seedBase, seedInbox } from "./seed";

async function main() {
  const target = await freshTarget("postgresql");
  const handle = await openTarget(target);
  const started = Date.now();
  await seedInbox(handle.db, await seedBase(handle.db));
  await handle.close();
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s: ${target.name === "postgresql" ? target.url : ""}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
