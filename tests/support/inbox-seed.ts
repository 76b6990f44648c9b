import { randomInt } from "node:crypto";
import type { Database } from "@/db/client";
import { customers, optOuts, phoneNumbers, smsIntegrations, tickets, users } from "@/db/schema";

// Counted, not drawn: random numbers collided now and then (an "existing" customer in a test
// about new ones). Starts at a random point so numbers differ between runs.
let nextNumber = randomInt(0, 10_000);

// Numbers ending like these make the sandbox simulate a carrier failure.
const FAILING = new Set([3, 5, 6, 7]);

/**
 * A US number nobody else in this test process uses, in an exchange (556) apart from the
 * fixed numbers tests write out (555).
 */
export function uniqueUsNumber(): string {
  let line = nextNumber++ % 10_000;
  while (FAILING.has(line)) line = nextNumber++ % 10_000;
  return `+1415556${String(line).padStart(4, "0")}`;
}

export async function seedAgent(db: Database, name = "Sam Agent", role: "agent" | "admin" = "agent") {
  const [user] = await db
    .insert(users)
    .values({ name, email: `${name.replace(/\W/g, "").toLowerCase()}-${randomInt(1e9)}@example.com`, passwordHash: "x", role })
    .returning();
  return user!;
}

export function seedAdmin(db: Database, name = "Ada Admin") {
  return seedAgent(db, name, "admin");
}

/** A phone number, its SMS integration, a customer and an open ticket: what a first inbound SMS leaves behind. */
export async function seedTicket(
  db: Database,
  options: {
    businessE164?: string;
    customerE164?: string;
    customerCountry?: string;
    twilioMms?: boolean;
    integration?: { status?: "active" | "deactivated"; maxMessageLength?: number; deactivatedReason?: string };
    optedOut?: { keyword: string; at?: Date };
    customerName?: string;
  } = {},
) {
  const businessE164 = options.businessE164 ?? uniqueUsNumber();
  const [phoneNumber] = await db
    .insert(phoneNumbers)
    .values({
      e164: businessE164,
      twilioSid: `PN${randomInt(1e12).toString(16).padStart(32, "0")}`,
      friendlyName: "Support line",
      country: "US",
      type: "local",
      twilioSms: true,
      twilioMms: options.twilioMms ?? true,
      source: "purchased",
    })
    .returning();
  const [integration] = await db
    .insert(smsIntegrations)
    .values({
      name: `Support ${businessE164.slice(-4)}`,
      phoneNumberId: phoneNumber!.id,
      phoneE164: businessE164,
      status: options.integration?.status ?? "active",
      deactivatedReason: options.integration?.deactivatedReason,
      maxMessageLength: options.integration?.maxMessageLength ?? 160,
    })
    .returning();
  const [customer] = await db
    .insert(customers)
    .values({ phoneE164: options.customerE164 ?? uniqueUsNumber(), country: options.customerCountry ?? "US", name: options.customerName ?? null })
    .returning();
  const [ticket] = await db.insert(tickets).values({ integrationId: integration!.id, customerId: customer!.id, lastMessagePreview: "Hello?" }).returning();
  if (options.optedOut) {
    await db.insert(optOuts).values({
      customerId: customer!.id,
      businessE164,
      optedOut: true,
      keyword: options.optedOut.keyword,
      changedAt: options.optedOut.at ?? new Date(),
    });
  }
  return { phoneNumber: phoneNumber!, integration: integration!, customer: customer!, ticket: ticket! };
}
