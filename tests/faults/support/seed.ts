import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "@/db/client";
import { customers, phoneNumbers, smsIntegrations, tickets, users } from "@/db/schema";
import { SESSION_SECRET } from "./agent";
import { BUSINESS_NUMBER, LIVE_ACCOUNT } from "./twilio-side";

/** The business number with its SMS integration (MMS-capable) and one agent. */
export async function seedInbox(db: Database): Promise<{ integrationId: string; agentId: string }> {
  const [number] = await db
    .insert(phoneNumbers)
    .values({ e164: BUSINESS_NUMBER, twilioSid: `PN${"e".repeat(32)}`, friendlyName: "Support line", country: "US", type: "local", twilioSms: true, twilioMms: true, source: "purchased" })
    .returning();
  const [integration] = await db.insert(smsIntegrations).values({ name: "Shop SMS", phoneNumberId: number!.id, phoneE164: BUSINESS_NUMBER }).returning();
  const [agent] = await db.insert(users).values({ name: "Sam Agent", email: "sam@example.com", passwordHash: "x", role: "agent" }).returning();
  return { integrationId: integration!.id, agentId: agent!.id };
}

/** An open ticket from a customer at `phone`. */
export async function seedTicket(db: Database, integrationId: string, phone: string): Promise<string> {
  const [customer] = await db.insert(customers).values({ phoneE164: phone, country: "US" }).returning();
  const [ticket] = await db.insert(tickets).values({ integrationId, customerId: customer!.id, lastMessagePreview: "Hello?" }).returning();
  return ticket!.id;
}

/** The environment of an app process in live mode against our own Twilio stand-in. */
export function liveEnv({ port, twilioApiUrl, database }: { port: number; twilioApiUrl: string; database: { DATABASE_URL?: string; DATA_DIR?: string } }) {
  return {
    DATABASE_URL: database.DATABASE_URL,
    DATA_DIR: database.DATA_DIR,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    TWILIO_ACCOUNT_SID: LIVE_ACCOUNT.accountSid,
    TWILIO_AUTH_TOKEN: LIVE_ACCOUNT.authToken,
    TWILIO_API_BASE_URL: twilioApiUrl,
    TWILIO_API_KEY_SID: undefined,
    TWILIO_API_KEY_SECRET: undefined,
    NEXTAUTH_SECRET: SESSION_SECRET,
    ADMIN_EMAIL: undefined,
    ADMIN_PASSWORD: undefined,
  };
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "sms-inbox-data-"));
}
