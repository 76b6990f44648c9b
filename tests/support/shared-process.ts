import { afterAll } from "vitest";
import { setDatabaseHandle } from "@/db";

/**
 * Runs before each test file of the "shared" project, whose files share one process (and its
 * loaded modules) per worker. What a file changed in that process goes back when it ends: the
 * environment it set, and what the app remembered from its database (the sandbox's account,
 * the session secret, the Twilio client, US readiness answers, the live-event LISTEN, the
 * database itself), so the next file starts as it would in a process of its own.
 */
const environment = { ...process.env };

type ProcessState = {
  __sandboxCredentials?: unknown;
  __authSecret?: unknown;
  __twilioClient?: unknown;
  __usReadiness?: Map<string, unknown>;
  __inboxHub?: unknown;
};

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
  Object.assign(process.env, environment);
  const state = globalThis as ProcessState;
  state.__sandboxCredentials = undefined;
  state.__authSecret = undefined;
  state.__twilioClient = undefined;
  state.__usReadiness?.clear();
  state.__inboxHub = undefined;
  setDatabaseHandle(undefined);
});
