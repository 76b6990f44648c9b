import type { DatabaseHandle } from "@/db/client";
import { expectSandboxCallsFollowSpec } from "../contract/exchanges";
import { startAppServer, type AppServer } from "./app-server";
import { useDatabase as serveFromDatabase, type TestDatabase } from "./database";

export interface SandboxApp {
  handle: DatabaseHandle;
  server: AppServer;
}

/**
 * The app in sandbox mode (no Twilio credentials) on a fresh database, served over HTTP so
 * the SDK and the sandbox's webhooks travel as they do in production. `env` is set first.
 */
export async function openSandboxApp(database: TestDatabase, env: Record<string, string> = {}): Promise<SandboxApp> {
  delete process.env.TWILIO_ACCOUNT_SID;
  delete process.env.TWILIO_AUTH_TOKEN;
  Object.assign(process.env, env);
  const handle = await database.open();
  serveFromDatabase(handle);
  return { handle, server: await startAppServer() };
}

/** Checks every exchange with the sandbox against Twilio's spec, and closes the app whatever it finds. */
export async function closeSandboxApp({ handle, server }: SandboxApp): Promise<void> {
  try {
    expectSandboxCallsFollowSpec(server);
  } finally {
    await server.close();
    await handle.close();
  }
}
