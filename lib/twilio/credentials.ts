import { randomBytes } from "node:crypto";
import { getDb } from "@/db";
import { env } from "@/env";
import { getOrCreateSetting } from "@/db/queries/settings";
import { twilioMode } from "@/lib/config/env";

export interface TwilioCredentials {
  accountSid: string;
  /** Signs and checks webhooks; also authenticates REST calls unless an API key is given. */
  authToken: string | null;
  apiKeySid?: string;
  apiKeySecret?: string;
}

export interface SandboxCredentials {
  accountSid: string;
  authToken: string;
}

const globalForCredentials = globalThis as unknown as { __sandboxCredentials?: Promise<SandboxCredentials> };

/** The built-in sandbox's account, made once and kept in the database so every process shares it. */
export function getSandboxCredentials(): Promise<SandboxCredentials> {
  globalForCredentials.__sandboxCredentials ??= (async () => {
    const { value } = await getOrCreateSetting<SandboxCredentials>({
      db: await getDb(),
      key: "sandbox.credentials",
      create: () => ({ accountSid: `AC${randomBytes(16).toString("hex")}`, authToken: randomBytes(16).toString("hex") }),
    });
    return value;
  })().catch((error: unknown) => {
    globalForCredentials.__sandboxCredentials = undefined;
    throw error;
  });
  return globalForCredentials.__sandboxCredentials;
}

export async function getTwilioCredentials(): Promise<TwilioCredentials> {
  if (twilioMode() === "sandbox") return getSandboxCredentials();
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET } = env();
  return {
    accountSid: TWILIO_ACCOUNT_SID as string,
    authToken: TWILIO_AUTH_TOKEN ?? null,
    apiKeySid: TWILIO_API_KEY_SID,
    apiKeySecret: TWILIO_API_KEY_SECRET,
  };
}
