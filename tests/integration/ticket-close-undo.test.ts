import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { events, tickets, users, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { testDatabases, useDatabase } from "../support/database";
import { seedAgent, seedTicket } from "../support/inbox-seed";

const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/session", () => ({
  authorizeRequest: async () => {
    if (!session.user) throw new AppError("unauthorized", "Sign in to continue.");
    return session.user;
  },
}));

const { PATCH: actRoute } = await import("@/app/api/tickets/[ticketId]/route");

const BASE = "http://localhost:3000";

function act(ticketId: string, body: unknown) {
  return actRoute(
    new Request(`${BASE}/api/tickets/${ticketId}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
    { params: Promise.resolve({ ticketId }) },
  );
}

describe.each(testDatabases())("undoing a close on $name", (database) => {
  let handle: DatabaseHandle;
  let agent: User;
  let other: User;

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    agent = await seedAgent(handle.db, "Una Undo");
    other = await seedAgent(handle.db, "Otto Other");
    session.user = agent;
  });
  afterAll(async () => {
    session.user = null;
    await handle.close();
  });

  const ticketRow = async (id: string) => (await handle.db.select().from(tickets).where(eq(tickets.id, id)))[0]!;

  it("reopens the ticket with the assignee it had, and says so on the timeline", async () => {
    const { ticket } = await seedTicket(handle.db);
    await handle.db.update(tickets).set({ assigneeId: other.id }).where(eq(tickets.id, ticket.id));
    expect((await act(ticket.id, { action: "close" })).status).toBe(200);
    // Someone took it meanwhile; Undo puts back what closing found.
    await handle.db.update(tickets).set({ assigneeId: null }).where(eq(tickets.id, ticket.id));

    expect((await act(ticket.id, { action: "restore", assigneeId: other.id })).status).toBe(200);
    expect(await ticketRow(ticket.id)).toMatchObject({ status: "open", closedAt: null, assigneeId: other.id });
    const types = (await handle.db.select().from(events).where(eq(events.ticketId, ticket.id))).map((event) => [event.type, event.data]);
    expect(types).toContainEqual(["ticket.reopened", { undo: true }]);
    expect(types).toContainEqual(["ticket.assigned", { assigneeId: other.id, assigneeName: "Otto Other" }]);
  });

  it("leaves the ticket closed, saying why, when the customer has a newer open ticket", async () => {
    const { ticket, integration, customer } = await seedTicket(handle.db);
    await act(ticket.id, { action: "close" });
    await handle.db.insert(tickets).values({ integrationId: integration.id, customerId: customer.id });

    const response = await act(ticket.id, { action: "restore", assigneeId: null });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/new open ticket/);
    expect((await ticketRow(ticket.id)).status).toBe("closed");
  });

  it("refuses an assignee who was deactivated meanwhile, and changes nothing", async () => {
    const { ticket } = await seedTicket(handle.db);
    const gone = await seedAgent(handle.db, "Gina Gone");
    await handle.db.update(tickets).set({ assigneeId: gone.id }).where(eq(tickets.id, ticket.id));
    await act(ticket.id, { action: "close" });
    await handle.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
    await handle.db.update(tickets).set({ assigneeId: null }).where(eq(tickets.id, ticket.id));

    expect((await act(ticket.id, { action: "restore", assigneeId: gone.id })).status).toBe(400);
    expect((await ticketRow(ticket.id)).status).toBe("closed");
  });
});
