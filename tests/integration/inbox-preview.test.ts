import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listInboxTickets } from "@/db/queries/tickets";
import { messages, tickets, type User } from "@/db/schema";
import { testDatabases } from "../support/database";
import { seedAgent, seedTicket } from "../support/inbox-seed";

describe.each(testDatabases())("the ticket list's preview and wait on $name", (database) => {
  let handle: DatabaseHandle;
  let agent: User;

  beforeAll(async () => {
    handle = await database.open();
    agent = await seedAgent(handle.db, "Pia Preview");
  });
  afterAll(async () => {
    await handle.close();
  });

  it("names who wrote the latest message, and counts the wait from the oldest message no agent answered", async () => {
    const { ticket, integration } = await seedTicket(handle.db);
    const at = (minute: number) => new Date(Date.UTC(2031, 0, 1, 9, minute));
    const write = (minute: number, message: Partial<typeof messages.$inferInsert> & Pick<typeof messages.$inferInsert, "direction">) =>
      handle.db.insert(messages).values({ ticketId: ticket.id, body: "", status: "received", createdAt: at(minute), ...message });
    const listed = async () => (await listInboxTickets({ db: handle.db, view: "all", userId: agent.id, integrationId: integration.id, limit: 10 })).tickets[0]!;

    await write(0, { direction: "inbound", body: "Where is my order?" });
    await write(1, { direction: "inbound", body: "Hello??" });
    await write(2, { direction: "outbound", status: "delivered", ruleName: "After hours", body: "We are closed" });
    // An auto-reply is not an answer: the customer still waits from their first message.
    expect(await listed()).toMatchObject({ previewBy: { kind: "rule" }, waitingSince: at(0).toISOString() });

    await write(3, { direction: "outbound", status: "delivered", authorId: agent.id, body: "On its way" });
    expect(await listed()).toMatchObject({ previewBy: { kind: "agent", id: agent.id, name: "Pia Preview" }, waitingSince: null });

    await write(4, { direction: "inbound", body: "Thanks, and the invoice?" });
    await write(5, { direction: "note", authorId: agent.id, body: "Ask billing" });
    // Notes are skipped, as the preview skips them.
    expect(await listed()).toMatchObject({ previewBy: { kind: "customer" }, waitingSince: at(4).toISOString() });

    await handle.db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(eq(tickets.id, ticket.id));
    expect(await listed()).toMatchObject({ previewBy: { kind: "customer" }, waitingSince: null });
  });

  it("shows no author and no wait for a ticket without messages", async () => {
    const { integration } = await seedTicket(handle.db);
    const [row] = (await listInboxTickets({ db: handle.db, view: "open", userId: agent.id, integrationId: integration.id, limit: 10 })).tickets;
    expect(row).toMatchObject({ previewBy: null, waitingSince: null });
  });
});
