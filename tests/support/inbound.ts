import { eq } from "drizzle-orm";
import { POST as inbound } from "@/app/api/twilio/sms/route";
import type { DbOrTx } from "@/db/client";
import { customers, tickets } from "@/db/schema";
import { inboundParams, signedTwilioRequest } from "./twilio";

/** The business number of the inbound suites' SMS integration. */
export const BUSINESS = "+14155550100";

/** Posts a signed webhook to the inbound route, as Twilio would, and returns what Twilio would read. */
export async function postInbound(params: Record<string, string>) {
  const response = await inbound(await signedTwilioRequest("/api/twilio/sms", params));
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
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
