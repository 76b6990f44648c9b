import { getDatabaseHandle } from "@/db";
import { env } from "@/env";
import { DataFolderLockedError } from "@/db/lock";
import { countUsers } from "@/db/queries/users";
import { getAuthSecret } from "@/lib/auth/secret";
import { firstAdminSchema } from "@/lib/auth/validation";
import { twilioMode } from "@/lib/config/env";
import { startJobWorker } from "@/lib/jobs/worker";
import { jobHandlers } from "./jobs";
import { describeError, log } from "@/lib/log";
import { createFirstAdmin } from "./first-admin";

async function bootstrapAdminFromEnv() {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password, ADMIN_NAME: name } = env();
  if (!email || !password) return;
  const { db } = await getDatabaseHandle();
  if ((await countUsers({ db })) > 0) return;
  const parsed = firstAdminSchema.safeParse({ name: name ?? "Admin", email, password });
  if (!parsed.success) {
    log.error({ issues: parsed.error.issues.map((i) => i.message) }, "ADMIN_EMAIL / ADMIN_PASSWORD are not valid; no admin created");
    return;
  }
  try {
    await createFirstAdmin({ db, ...parsed.data });
    log.info("created the first admin from ADMIN_EMAIL");
  } catch (error) {
    log.info({ err: describeError(error) }, "first admin not created from ADMIN_EMAIL");
  }
}

/** Runs once per server process: database, first admin, session secret, background work. */
export async function startApp(): Promise<void> {
  try {
    const handle = await getDatabaseHandle();
    log.info({ database: handle.driver, twilio: twilioMode() }, "database ready");
  } catch (error) {
    if (error instanceof DataFolderLockedError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    // PostgreSQL may come up after the app; requests retry the connection.
    log.error({ err: describeError(error) }, "database not reachable at start; will retry on demand");
    startJobWorker({ handlers: jobHandlers });
    return;
  }
  await bootstrapAdminFromEnv();
  await getAuthSecret();
  startJobWorker({ handlers: jobHandlers });
}
