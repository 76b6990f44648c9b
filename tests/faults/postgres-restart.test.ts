import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "@/bench/server";
import { openPostgres } from "@/db/drivers";
import { messages } from "@/db/schema";
import { startPrivatePostgres, type PrivatePostgres } from "./support/postgres";
import { liveEnv, seedInbox } from "./support/seed";
import { startTwilioApi, startWebhookStream, TWILIO_WEBHOOK_TIMEOUT_MS, waitFor, type WebhookStream } from "./support/twilio-side";

const PORT = 3402;
const PG_PORT = 5499;
// Longer than a webhook may take to fail: a database that stays down must not hold answers back.
const OUTAGE_MS = 35_000;

async function health(url: string): Promise<number> {
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(15_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

describe("PostgreSQL stops and starts again under a stream of inbound webhooks (next start)", () => {
  let pg: PrivatePostgres;
  let databaseUrl: string;
  let app: AppServer;
  let twilio: Awaited<ReturnType<typeof startTwilioApi>>;

  beforeAll(async () => {
    pg = startPrivatePostgres(PG_PORT);
    databaseUrl = await pg.createDatabase("inbox");
    const setup = await openPostgres(databaseUrl);
    await seedInbox(setup.db);
    await setup.close();
    twilio = await startTwilioApi();
    app = await startApp({ port: PORT, env: liveEnv({ port: PORT, twilioApiUrl: twilio.url, database: { DATABASE_URL: databaseUrl } }), captureOutput: true });
  });

  afterAll(async () => {
    await app?.stop();
    await twilio?.close();
    pg?.destroy();
  });

  it("answers 503 while the database is down, serves again once it is back, and keeps every acknowledged message once", async () => {
    const before = startWebhookStream({ appUrl: app.url, concurrency: 4, customers: 40 });
    await waitFor("webhooks to be acknowledged", () => before.acknowledged().length >= 30);

    pg.stop();
    // The stream goes on while the database is down; what was in flight fails with it. Twilio
    // gives up on an answer after 15 s (and counts a timeout), so that is how long it waits here.
    const outage: WebhookStream = startWebhookStream({ appUrl: app.url, concurrency: 4, customers: 40, timeoutMs: TWILIO_WEBHOOK_TIMEOUT_MS });
    await before.stop();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await waitFor("webhooks during the outage", () => outage.statuses().length >= 12);
    await outage.stop();
    const healthWhileDown = await health(app.url);
    const slowest = Math.max(...[...outage.results.values()].map((result) => result.ms));
    console.log(`webhooks during the outage: ${outage.statuses().length}, slowest answer ${slowest} ms`);

    pg.start();
    const after = startWebhookStream({ appUrl: app.url, concurrency: 4, customers: 40 });
    await waitFor("the same app process to acknowledge webhooks again", () => after.acknowledged().length >= 30);
    await after.stop();
    const healthAfter = await health(app.url);

    // Twilio is told to come back later (503) before it gives up waiting, never that the message
    // was taken (200) or broke the app (500).
    expect(new Set(outage.statuses())).toEqual(new Set([503]));
    expect(healthWhileDown).toBe(503);
    expect(healthAfter).toBe(200);
    expect(app.process.exitCode).toBeNull();
    const statuses = [...before.statuses(), ...after.statuses()];
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);

    // The log says the database was unavailable, without what customers wrote or their numbers.
    const output = app.output();
    expect(output).toContain("database unavailable");
    expect(output).not.toContain("where is my order");
    expect(output).not.toMatch(/1628555\d{4}/);

    const acknowledged = [...before.acknowledged(), ...after.acknowledged()];
    const check = await openPostgres(databaseUrl);
    try {
      const rows = await check.db
        .select({ sid: messages.twilioSid, n: sql<number>`count(*)::int` })
        .from(messages)
        .where(inArray(messages.twilioSid, acknowledged))
        .groupBy(messages.twilioSid);
      expect(rows.length).toBe(acknowledged.length);
      expect(rows.filter((row) => row.n !== 1)).toEqual([]);
    } finally {
      await check.close();
    }
  });
});
