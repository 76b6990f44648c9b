import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { insertMessage } from "@/db/queries/messages";
import { messages, tickets, ticketViewers, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { InboxEvent } from "@/lib/realtime/publish";
import { testDatabases, useDatabase } from "../support/database";
import { seedAgent, seedTicket } from "../support/inbox-seed";

const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/session", () => ({
  authorizeRequest: async () => {
    if (!session.user) throw new AppError("unauthorized", "Sign in to continue.");
    return session.user;
  },
}));

const { POST: replyRoute } = await import("@/app/api/tickets/[ticketId]/messages/route");
const { GET: presenceRoute, POST: heartbeatRoute } = await import("@/app/api/tickets/[ticketId]/presence/route");
const { subscribeInboxEvents } = await import("@/lib/realtime/hub");

const BASE = "http://inbox.test";
const ctx = (ticketId: string) => ({ params: Promise.resolve({ ticketId }) });

function reply(ticketId: string, fields: Record<string, string>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return replyRoute(new Request(`${BASE}/api/tickets/${ticketId}/messages`, { method: "POST", body: form }), ctx(ticketId));
}

type Viewers = { viewers: { name: string; typing: boolean }[] };
async function heartbeat(ticketId: string, body: unknown): Promise<{ status: number; body: Viewers & { error?: { message: string } } }> {
  const response = await heartbeatRoute(new Request(`${BASE}/api/tickets/${ticketId}/presence`, { method: "POST", body: JSON.stringify(body) }), ctx(ticketId));
  return { status: response.status, body: (await response.json()) as Viewers };
}
async function viewers(ticketId: string): Promise<Viewers["viewers"]> {
  return ((await (await presenceRoute(new Request(`${BASE}/api/tickets/${ticketId}/presence`), ctx(ticketId))).json()) as Viewers).viewers;
}

describe.each(testDatabases())("replies and presence on $name", (database) => {
  let handle: DatabaseHandle;
  let ines: User;
  let omar: User;

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    // The live-event hub listens on the database it first met: this one, from now on.
    delete (globalThis as { __inboxHub?: unknown }).__inboxHub;
    ines = await seedAgent(handle.db, "Ines Agent");
    omar = await seedAgent(handle.db, "Omar Agent");
  });
  afterAll(async () => {
    session.user = null;
    await handle.close();
  });

  const bodies = async (ticketId: string) => (await handle.db.select().from(messages).where(eq(messages.ticketId, ticketId))).map((message) => message.body).sort();

  it("stops a reply when the customer or another agent wrote after it was begun, and sends once that is seen", async () => {
    const { ticket } = await seedTicket(handle.db);
    const basis = await insertMessage({ db: handle.db, message: { ticketId: ticket.id, direction: "inbound", body: "Where is my order?", status: "received" } });
    // Ines's own message and a rule's automatic reply are no news to her.
    await insertMessage({ db: handle.db, message: { ticketId: ticket.id, direction: "outbound", body: "Looking now", status: "sent", authorId: ines.id } });
    await insertMessage({ db: handle.db, message: { ticketId: ticket.id, direction: "outbound", body: "We are closed", status: "sent", ruleId: ticket.id } });
    session.user = ines;
    expect((await reply(ticket.id, { body: "It ships today", basisMessageId: basis.id })).status).toBe(201);

    const omarsAnswer = await insertMessage({ db: handle.db, message: { ticketId: ticket.id, direction: "outbound", body: "Shipped yesterday", status: "sent", authorId: omar.id } });
    const crossed = await reply(ticket.id, { body: "It ships tomorrow", basisMessageId: basis.id });
    expect(crossed.status).toBe(409);
    const answer = (await crossed.json()) as { error: { code: string; message: string; arrived: { id: string; body: string; authorName: string }[] } };
    expect(answer.error.code).toBe("collision");
    expect(answer.error.message).toBe("Omar Agent wrote while you were writing. Read what arrived before you send.");
    expect(answer.error.arrived.map((message) => [message.authorName, message.body])).toEqual([["Omar Agent", "Shipped yesterday"]]);
    expect(await bodies(ticket.id)).not.toContain("It ships tomorrow");

    // "Send anyway": the newest message shown becomes the basis.
    expect((await reply(ticket.id, { body: "It ships tomorrow", basisMessageId: omarsAnswer.id })).status).toBe(201);
    expect(await bodies(ticket.id)).toContain("It ships tomorrow");
    expect((await reply(ticket.id, { body: "x", basisMessageId: "not-an-id" })).status).toBe(400);
  });

  it("reopens a closed ticket on Send, closes it with Send & close, and refuses to reopen beside an open ticket on the same number", async () => {
    const { ticket, integration, customer } = await seedTicket(handle.db);
    await handle.db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(eq(tickets.id, ticket.id));
    session.user = ines;
    const events: InboxEvent[] = [];
    const unsubscribe = await subscribeInboxEvents((event) => events.push(event));

    expect((await reply(ticket.id, { body: "One more thing" })).status).toBe(201);
    expect((await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0]!.status).toBe("open");
    await vi.waitFor(() => expect(events).toContainEqual({ type: "ticket.updated", ticketId: ticket.id, customerId: customer.id }));
    unsubscribe();

    expect((await reply(ticket.id, { body: "Bye for now", close: "1" })).status).toBe(201);
    const [closed] = await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(closed!.status).toBe("closed");
    expect(await bodies(ticket.id)).toEqual(["Bye for now", "One more thing"]);

    await handle.db.insert(tickets).values({ integrationId: integration.id, customerId: customer.id, status: "open" });
    const refused = await reply(ticket.id, { body: "Not here" });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      "This customer already has an open ticket on this number. Reply there; this one stays closed.",
    );
    expect(await bodies(ticket.id)).toEqual(["Bye for now", "One more thing"]);
  });

  it("shows who else has a ticket open and who is typing, announces only changes, carries no text, and forgets a tab gone quiet", async () => {
    const { ticket } = await seedTicket(handle.db);
    const inesTab = crypto.randomUUID();
    const events: InboxEvent[] = [];
    const unsubscribe = await subscribeInboxEvents((event) => event.type === "presence.changed" && events.push(event));

    session.user = ines;
    expect((await heartbeat(ticket.id, { tabId: inesTab, state: "viewing" })).body.viewers).toEqual([]);
    session.user = omar;
    expect((await heartbeat(ticket.id, { tabId: crypto.randomUUID(), state: "viewing" })).body.viewers).toEqual([expect.objectContaining({ name: "Ines Agent", typing: false })]);
    session.user = ines;
    await heartbeat(ticket.id, { tabId: inesTab, state: "viewing" });
    await heartbeat(ticket.id, { tabId: inesTab, state: "typing" });
    session.user = omar;
    expect(await viewers(ticket.id)).toEqual([expect.objectContaining({ name: "Ines Agent", typing: true })]);

    // Ines joined, Omar joined, Ines began typing: three changes; the repeated heartbeat was none.
    await vi.waitFor(() => expect(events).toHaveLength(3));
    expect(events.every((event) => JSON.stringify(event) === JSON.stringify({ type: "presence.changed", ticketId: ticket.id }))).toBe(true);

    session.user = ines;
    await heartbeat(ticket.id, { tabId: inesTab, state: "left" });
    session.user = omar;
    expect(await viewers(ticket.id)).toEqual([]);

    // A tab that stops beating without a word is gone once its heartbeat is 25 s old.
    session.user = ines;
    await heartbeat(ticket.id, { tabId: inesTab, state: "viewing" });
    await handle.db.update(ticketViewers).set({ seenAt: sql`now() - interval '26 seconds'` }).where(eq(ticketViewers.tabId, inesTab));
    session.user = omar;
    expect(await viewers(ticket.id)).toEqual([]);
    unsubscribe();

    expect((await heartbeat(ticket.id, { tabId: "tab-1", state: "viewing" })).status).toBe(400);
    expect((await heartbeat("00000000-0000-4000-8000-000000000000", { tabId: inesTab, state: "viewing" })).status).toBe(404);
  });
});
