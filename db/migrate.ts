// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to PGlite in DATA_DIR.
import { closeDatabase, databaseDriver, getDatabaseHandle } from "./index";

async function main() {
  await getDatabaseHandle();
  console.log(`Migrations applied (${databaseDriver()}).`);
  await closeDatabase();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
