// Opens the database the way the app does, then waits; used by tests that need a second process.
import { getDatabaseHandle } from "@/db";

getDatabaseHandle()
  .then(() => {
    console.log("OPENED");
    setInterval(() => {}, 1000);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(3);
  });
