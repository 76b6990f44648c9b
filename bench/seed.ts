import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { appSettings, customers, phoneNumbers, sandboxPhoneNumbers, smsIntegrations, users } from "../db/schema";
import { hashPassword } from "../lib/auth/password";
import { BUSINESS_NUMBER } from "./ingest";

export const BENCH_ADMIN = { email: "bench@example.com", password: "benchmark password" };

export interface Seeded {
  accountSid: string;
  authToken: string;
  integrationId: string;
  existingCustomers: string[];
}

/** What every scenario needs: sandbox credentials the benchmark knows, an admin, an SMS integration, known customers. */
export async function seedBase(db: Database, customerCount = 2000): Promise<Seeded> {
  const credentials = { accountSid: `AC${randomBytes(16).toString("hex")}`, authToken: randomBytes(16).toString("hex") };
  await db.insert(appSettings).values({ key: "sandbox.credentials", value: credentials }).onConflictDoUpdate({ target: appSettings.key, set: { value: credentials } });
  await db.insert(users).values({ name: "Bench Admin", email: BENCH_ADMIN.email, passwordHash: await hashPassword(BENCH_ADMIN.password), role: "admin" }).onConflictDoNothing();
  const [integration] = await db.insert(smsIntegrations).values({ name: "Bench shop", phoneE164: BUSINESS_NUMBER }).returning();
  await db.execute(sql`
    insert into customers (phone_e164, country)
    select '+1415' || lpad((5000000 + g)::text, 7, '0'), 'US' from generate_series(1, ${customerCount}) g
    on conflict do nothing`);
  const rows = await db.select({ phone: customers.phoneE164 }).from(customers).limit(customerCount);
  return { ...credentials, integrationId: integration!.id, existingCustomers: rows.map((row) => row.phone) };
}

/**
 * Makes the integration's number one the sandbox account owns (and the app lists), so
 * replies and auto-replies can go out through the sandbox, pictures included.
 */
export async function seedSendingNumber(db: Database, seeded: Seeded): Promise<void> {
  const sid = `PN${randomBytes(16).toString("hex")}`;
  await db.insert(sandboxPhoneNumbers).values({
    sid,
    accountSid: seeded.accountSid,
    phoneNumber: BUSINESS_NUMBER,
    friendlyName: "(415) 555-0100",
    isoCountry: "US",
    numberType: "local",
    sms: true,
    mms: true,
    voice: false,
  });
  const [number] = await db
    .insert(phoneNumbers)
    .values({ e164: BUSINESS_NUMBER, twilioSid: sid, friendlyName: "(415) 555-0100", country: "US", type: "local", twilioSms: true, twilioMms: true, source: "purchased" })
    .returning();
  await db.update(smsIntegrations).set({ phoneNumberId: number!.id }).where(eq(smsIntegrations.id, seeded.integrationId));
}
