import type { SandboxContext } from "./context";
import { twilioJson } from "./http";
import { serializeAccount } from "./serializers";

// The sandbox account has no real creation date; a fixed one keeps responses stable.
const SANDBOX_EPOCH = new Date("2024-01-01T00:00:00Z");

/** Accounts/{AccountSid}.json: what "test the credentials" calls fetch. */
export async function fetchAccount(context: SandboxContext): Promise<Response> {
  return twilioJson(serializeAccount(context.account, SANDBOX_EPOCH));
}
