// Rows of the app's own tables for tests that do not go through Twilio.
import { randomBytes } from "node:crypto";
import type { Database } from "@/db/client";
import { uniqueHandset } from "./fixtures";
import { customers, phoneNumbers, tickets, users, type PhoneNumber, type User } from "@/db/schema";

export async function createUser(db: Database, role: "admin" | "agent" = "admin"): Promise<User> {
  const tag = randomBytes(4).toString("hex");
  const [user] = await db.insert(users).values({ name: `User ${tag}`, email: `${tag}@example.com`, passwordHash: "x", role }).returning();
  return user!;
}

/** An owned number written straight into the table, for tests that never ask Twilio about it. */
export async function createOwnedNumber(db: Database, e164: string, overrides: Partial<PhoneNumber> = {}): Promise<PhoneNumber> {
  const [row] = await db
    .insert(phoneNumbers)
    .values({
      e164,
      twilioSid: `PN${randomBytes(16).toString("hex")}`,
      friendlyName: e164,
      country: "US",
      type: "local",
      twilioSms: true,
      twilioMms: true,
      source: "purchased",
      ...overrides,
    })
    .returning();
  return row!;
}

/** A ticket with a customer of its own, written straight into the tables. */
export async function createTicket(db: Database, integrationId: string, status: "open" | "closed" = "open") {
  const [customer] = await db.insert(customers).values({ phoneE164: uniqueHandset() }).returning();
  const [ticket] = await db.insert(tickets).values({ integrationId, customerId: customer!.id, status }).returning();
  return ticket!;
}
