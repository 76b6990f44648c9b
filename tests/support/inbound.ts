import { eq } from "drizzle-orm";
import { POST as inbound } from "@/app/api/twilio/sms/route";
import type { DatabaseHandle, DbOrTx } from "@/db/client";
import { customers, smsIntegrations, tickets } from "@/db/schema";
import { useDatabase as serveFromDatabase, type TestDatabase } from "./database";
import { inboundParams, signedTwilioRequest } from "./twilio";

/** The business number of the inbound suites' SMS integration. */
export const BUSINESS = "+14155550100";

/** A fresh database the route handlers use, with an active SMS integration on BUSINESS. */
export async function openInboundDatabase(database: TestDatabase): Promise<{ handle: DatabaseHandle; integrationId: string }> {
  const handle = await database.open();
  serveFromDatabase(handle);
  const [integration] = await handle.db.insert(smsIntegrations).values({ name: "Shop SMS", phoneE164: BUSINESS }).returning();
  return { handle, integrationId: integration!.id };
}

export async function closeInboundDatabase(handle: DatabaseHandle): Promise<void> {
  serveFromDatabase(undefined as never);
  await handle.close();
}

/** Posts a signed webhook to the inbound route, as Twilio would, and returns what Twilio would read. */
export async function postInbound(params: Record<string, string>) {
  const response = await inbound(await signedTwilioRequest("/api/twilio/sms", params));
  return { status: response.status, type: response.headers.get("content-type"), notAccepted: response.headers.get("X-Inbox-Not-Accepted"), text: await response.text() };
}

/** A customer's text (or MMS, with Media* parameters in `extra`) to BUSINESS. */
export async function textBusiness(from: string, body: string, extra: Record<string, string> = {}) {
  return postInbound(await inboundParams({ From: from, To: BUSINESS, Body: body, ...extra }));
}

/** The customer's tickets, by their E.164 number. */
export async function ticketsOfCustomer(db: DbOrTx, phone: string) {
  return db
    .select({ id: tickets.id, status: tickets.status })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(customers.phoneE164, phone));
}
