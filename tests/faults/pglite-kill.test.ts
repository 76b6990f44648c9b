import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "@/bench/server";
import { openPglite } from "@/db/drivers";
import { messages } from "@/db/schema";
import { liveEnv, seedInbox, tempDataDir } from "./support/seed";
import { inboundParams, postWebhook, startTwilioApi, startWebhookStream, waitFor } from "./support/twilio-side";

const PORT = 3404;
const SECOND_PORT = 3405;

/** Runs `next start` to its end; resolves with its exit code and everything it wrote. */
function runToExit(env: Record<string, string | undefined>, port: number): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

describe("the embedded database (PGlite) under a second process and kill -9 (next start)", () => {
  const dataDir = tempDataDir();
  let app: AppServer | undefined;
  let twilio: Awaited<ReturnType<typeof startTwilioApi>>;

  beforeAll(async () => {
    const setup = await openPglite(dataDir);
    await seedInbox(setup.db);
    await setup.close();
    twilio = await startTwilioApi();
  });

  afterAll(async () => {
    await app?.stop();
    await twilio?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (port: number) => liveEnv({ port, twilioApiUrl: twilio.url, database: { DATA_DIR: dataDir } });

  it("refuses a second app process on the same data folder, and the first one goes on serving", async () => {
    app = await startApp({ port: PORT, env: env(PORT), captureOutput: true });
    const second = await runToExit(env(SECOND_PORT), SECOND_PORT);
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(`is in use by process`);
    expect(second.output).toContain("DATABASE_URL");
    expect(await postWebhook(app.url, inboundParams("+16285554000", "Still there?"))).toBe(200);
  });

  it("loses no acknowledged message when the process is killed mid-stream", async () => {
    app ??= await startApp({ port: PORT, env: env(PORT), captureOutput: true });
    const stream = startWebhookStream({ appUrl: app.url, concurrency: 4, customers: 30 });
    await waitFor("webhooks to be acknowledged", () => stream.acknowledged().length >= 40);
    await app.kill();
    app = undefined;
    await stream.stop();
    const acknowledged = stream.acknowledged();
    const unanswered = stream.unacknowledged();

    // Same folder, new process: the dead one's lock is stale and is taken over.
    app = await startApp({ port: PORT, env: env(PORT), captureOutput: true });
    // Twilio delivers again what was not acknowledged; some of it may have been stored already.
    const redelivered = await Promise.all(unanswered.map((params) => postWebhook(app!.url, params)));
    expect(redelivered.every((status) => status === 200)).toBe(true);
    await app.stop();
    app = undefined;

    const check = await openPglite(dataDir);
    try {
      const everySid = [...acknowledged, ...unanswered.map((params) => params.MessageSid!)];
      const rows = await check.db
        .select({ sid: messages.twilioSid, n: sql<number>`count(*)::int` })
        .from(messages)
        .where(inArray(messages.twilioSid, everySid))
        .groupBy(messages.twilioSid);
      expect(rows.length).toBe(everySid.length);
      expect(rows.filter((row) => row.n !== 1)).toEqual([]);
    } finally {
      await check.close();
    }
  });
});
