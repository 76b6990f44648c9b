import { getDatabaseHandle } from "@/db";
import { env } from "@/env";
import { DataFolderLockedError } from "@/db/lock";
import { countUsers } from "@/db/queries/users";
import { getAuthSecret } from "@/lib/auth/secret";
import { firstAdminSchema } from "@/lib/auth/validation";
import { twilioMode } from "@/lib/config/env";
import { kickJobWorker } from "@/lib/jobs/kick";
import { queueRollupCompaction, ROLLUP_COMPACTION_EVERY_MS } from "@/lib/reports/compact";
import { startJobWorker } from "@/lib/jobs/worker";
import { subscribeInboxEvents } from "@/lib/realtime/hub";
import { jobHandlers } from "./jobs";
import { describeError, log } from "@/lib/log";
import { createFirstAdmin } from "./first-admin";
import { answerWebhooksBeforeNext } from "@/lib/http/webhook-fast-path";
import { handleInboundSmsWebhook } from "@/lib/inbound/sms-webhook";
import { handleStatusCallbackWebhook } from "@/lib/inbound/status-webhook";

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

const WAKE_RETRY_MS = 5000;

/**
 * A worker process does not see the requests that queue work, so their kickJobWorker()
 * wakes nothing here. It listens to the inbox's notifications instead (every reply, every
 * inbound message and rule run publishes one in the transaction that queues its jobs) and
 * runs a pass on each; the poll (JOB_POLL_MS) still finds anything else, such as jobs due later.
 */
function wakeOnInboxEvents(): void {
  subscribeInboxEvents(() => kickJobWorker()).catch((error: unknown) => {
    log.warn({ err: describeError(error) }, "worker cannot listen for new work yet; polling meanwhile");
    setTimeout(wakeOnInboxEvents, WAKE_RETRY_MS).unref();
  });
}

/**
 * The report rollups' compaction, queued every minute as a job (run by whichever worker takes
 * it). Deltas wait in their table meanwhile, so a minute missed, or a process gone, loses nothing.
 */
function compactRollupsEveryMinute(): void {
  const queue = async () => {
    try {
      await queueRollupCompaction({ db: (await getDatabaseHandle()).db });
      kickJobWorker();
    } catch (error) {
      log.warn({ err: describeError(error) }, "report rollups' compaction not queued; trying again in a minute");
    }
  };
  setInterval(() => void queue(), ROLLUP_COMPACTION_EVERY_MS).unref();
  void queue();
}

/** Starts the background work this process's role runs: none on a web process. */
function startBackgroundWork(): void {
  const role = env().APP_ROLE;
  if (role === "web") return;
  startJobWorker({ handlers: jobHandlers });
  compactRollupsEveryMinute();
  if (role === "worker") wakeOnInboxEvents();
}

/**
 * Twilio's webhooks skip Next's request pipeline on a production process that serves them:
 * not on a worker, whose proxy answers 404 to everything but its health check, and not under
 * `next dev`, which recompiles the handlers on every edit and must serve the new ones.
 */
function answerWebhooks(): void {
  if (env().APP_ROLE === "worker" || env().NODE_ENV !== "production") return;
  answerWebhooksBeforeNext({ "/api/twilio/sms": handleInboundSmsWebhook, "/api/twilio/status": handleStatusCallbackWebhook });
}

/** Runs once per server process: webhooks, database, first admin, session secret, background work. */
export async function startApp(): Promise<void> {
  answerWebhooks();
  try {
    const handle = await getDatabaseHandle();
    log.info({ database: handle.driver, twilio: twilioMode(), role: env().APP_ROLE }, "database ready");
  } catch (error) {
    if (error instanceof DataFolderLockedError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    // PostgreSQL may come up after the app; requests retry the connection.
    log.error({ err: describeError(error) }, "database not reachable at start; will retry on demand");
    startBackgroundWork();
    return;
  }
  await bootstrapAdminFromEnv();
  await getAuthSecret();
  startBackgroundWork();
}
