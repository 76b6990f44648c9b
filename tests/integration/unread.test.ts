import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { countInboxTickets, listInboxTickets } from "@/db/queries/tickets";
import { CLOSED_COUNT_CAP } from "@/lib/tickets/counts";
import { getNotificationSettings, saveNotificationSettings } from "@/db/queries/ticket-reads";
import { tickets, type User } from "@/db/schema";
import { markTicketRead } from "@/lib/tickets/manage";
import { getTicketView } from "@/lib/tickets/view";
import { testDatabases } from "../support/database";
import { seedAgent, seedTicket } from "../support/inbox-seed";

describe.each(testDatabases())("unread per agent on $name", (database) => {
  let handle: DatabaseHandle;
  let ana: User;
  let ben: User;

  beforeAll(async () => {
    handle = await database.open();
    ana = await seedAgent(handle.db, "Ana Unread");
    ben = await seedAgent(handle.db, "Ben Unread");
  });
  afterAll(async () => {
    await handle.close();
  });

  it("is unread for each agent until they read it after the customer's latest message", async () => {
    const { ticket, integration } = await seedTicket(handle.db);
    const customerWrites = () => handle.db.update(tickets).set({ lastInboundAt: sql`clock_timestamp()` }).where(eq(tickets.id, ticket.id));
    const unread = async (user: User) => ({
      row: (await listInboxTickets({ db: handle.db, view: "open", userId: user.id, integrationId: integration.id, limit: 5 })).tickets[0]!.unread,
      counts: (await countInboxTickets({ db: handle.db, userId: user.id, integrationId: integration.id, closedCountCap: CLOSED_COUNT_CAP })).unread,
      view: (await getTicketView({ db: handle.db, ticketId: ticket.id, userId: user.id }))!.ticket.unread,
    });

    // Started by an agent, nothing from the customer yet: nothing to read.
    expect(await unread(ana)).toEqual({ row: false, counts: { open: 0, mine: 0, unassigned: 0 }, view: false });
    await customerWrites();
    expect(await unread(ana)).toEqual({ row: true, counts: { open: 1, mine: 0, unassigned: 1 }, view: true });

    await markTicketRead({ db: handle.db, ticketId: ticket.id, userId: ana.id });
    expect(await unread(ana)).toMatchObject({ row: false, counts: { open: 0 }, view: false });
    expect(await unread(ben)).toMatchObject({ row: true, counts: { open: 1 }, view: true });

    await handle.db.update(tickets).set({ assigneeId: ana.id }).where(eq(tickets.id, ticket.id));
    await customerWrites();
    expect(await unread(ana)).toEqual({ row: true, counts: { open: 1, mine: 1, unassigned: 0 }, view: true });
    // Reading twice writes once and changes nothing.
    await markTicketRead({ db: handle.db, ticketId: ticket.id, userId: ana.id });
    await markTicketRead({ db: handle.db, ticketId: ticket.id, userId: ana.id });
    expect(await unread(ana)).toMatchObject({ row: false, counts: { open: 0, mine: 0 } });
  });

  it("keeps each agent's notification choices, off until they turn them on", async () => {
    expect(await getNotificationSettings({ db: handle.db, userId: ana.id })).toEqual({ desktop: false, sound: false, newUnassigned: true, myTickets: true, assignedToMe: true });
    await saveNotificationSettings({ db: handle.db, userId: ana.id, settings: { desktop: true, sound: false, newUnassigned: false, myTickets: true, assignedToMe: true } });
    expect(await getNotificationSettings({ db: handle.db, userId: ana.id })).toMatchObject({ desktop: true, newUnassigned: false });
    expect(await getNotificationSettings({ db: handle.db, userId: ben.id })).toMatchObject({ desktop: false, newUnassigned: true });
  });
});
