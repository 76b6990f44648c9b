import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getIntegration, getIntegrationByNumber, insertIntegration } from "@/db/queries/integrations";
import { events } from "@/db/schema";
import { deactivateSmsIntegration, reactivateSmsIntegration } from "@/lib/integrations/status";
import { updateSmsIntegrationSettings } from "@/lib/integrations/manage";
import { describeTicketEvent } from "@/lib/tickets/events";
import { testDatabases } from "../support/database";
import { createOwnedNumber, createTicket, createUser } from "../support/records";

describe.each(testDatabases())("deactivating an SMS integration on $name", (database) => {
  let handle: DatabaseHandle;
  let adminId: string;
  beforeAll(async () => {
    handle = await database.open();
    adminId = (await createUser(handle.db)).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  async function integrationWithTickets(e164: string) {
    const number = await createOwnedNumber(handle.db, e164);
    const integration = await insertIntegration({ db: handle.db, integration: { name: "Support", phoneNumberId: number.id, phoneE164: e164 } });
    const open = [await createTicket(handle.db, integration!.id), await createTicket(handle.db, integration!.id)];
    const closed = await createTicket(handle.db, integration!.id, "closed");
    return { integration: integration!, open, closed };
  }

  it("writes the reason on each open ticket, once, however many admins click", async () => {
    const { integration, open, closed } = await integrationWithTickets("+14155550101");
    const reason = "Messaging policy violation";
    const results = await Promise.allSettled([
      deactivateSmsIntegration({ db: handle.db, id: integration.id, reason, actorId: adminId }),
      deactivateSmsIntegration({ db: handle.db, id: integration.id, reason, actorId: adminId }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason.message).toBe("“Support” is already deactivated.");

    const stored = await getIntegration({ db: handle.db, id: integration.id });
    expect(stored).toMatchObject({ status: "deactivated", deactivatedReason: reason });
    for (const ticket of open) {
      const timeline = await handle.db.select().from(events).where(eq(events.ticketId, ticket.id));
      expect(timeline.map((event) => [event.type, event.data])).toEqual([["integration.deactivated", { integrationName: "Support", reason }]]);
    }
    expect(await handle.db.select().from(events).where(eq(events.ticketId, closed.id))).toEqual([]);

    // Still found by its number: inbound code must see it is deactivated, not that it is missing.
    expect((await getIntegrationByNumber({ db: handle.db, e164: "+14155550101" }))?.id).toBe(integration.id);

    await reactivateSmsIntegration({ db: handle.db, id: integration.id, actorId: adminId });
    expect(await getIntegration({ db: handle.db, id: integration.id })).toMatchObject({ status: "active", deactivatedReason: null, deactivatedAt: null });
    const timeline = await handle.db.select().from(events).where(eq(events.ticketId, open[0]!.id));
    expect(timeline.map((event) => event.type)).toEqual(["integration.deactivated", "integration.reactivated"]);
    // What the ticket's timeline shows.
    expect(timeline.map((event) => describeTicketEvent({ type: event.type, data: event.data, actorName: null }))).toEqual([
      "SMS integration “Support” deactivated: Messaging policy violation",
      "SMS integration “Support” reactivated; replies go out again",
    ]);
    await expect(reactivateSmsIntegration({ db: handle.db, id: integration.id, actorId: adminId })).rejects.toThrow("“Support” is already active.");
  });

  it("keeps the settings an admin saves", async () => {
    const { integration } = await integrationWithTickets("+14155550102");
    expect(integration).toMatchObject({ reopenWindowDays: 3, maxMessageLength: 160 });
    await updateSmsIntegrationSettings({ db: handle.db, id: integration.id, settings: { reopenWindowDays: 0, maxMessageLength: 1600 } });
    expect(await getIntegration({ db: handle.db, id: integration.id })).toMatchObject({ reopenWindowDays: 0, maxMessageLength: 1600 });
  });
});
