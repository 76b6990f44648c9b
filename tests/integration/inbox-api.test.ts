import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { attachments, customers, events, messages, tickets, users, type User } from "@/db/schema";
import { addTicketTag } from "@/db/queries/rules";
import { internalBaseUrl } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { testDatabases, useDatabase } from "../support/database";
import { seedAgent, seedTicket } from "../support/inbox-seed";
import { inboundParams, PUBLIC_BASE, signedTwilioRequest } from "../support/twilio";

// Route handlers ask next-auth for the session; here the signed-in user is whoever the test says.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/session", () => ({
  authorizeRequest: async () => {
    if (!session.user) throw new AppError("unauthorized", "Sign in to continue.");
    return session.user;
  },
}));

process.env.PUBLIC_BASE_URL = PUBLIC_BASE;

const { GET: listRoute, POST: startRoute } = await import("@/app/api/tickets/route");
const { GET: countsRoute } = await import("@/app/api/tickets/counts/route");
const { GET: ticketRoute, PATCH: actRoute } = await import("@/app/api/tickets/[ticketId]/route");
const { GET: threadRoute } = await import("@/app/api/tickets/[ticketId]/thread/route");
const { POST: noteRoute } = await import("@/app/api/tickets/[ticketId]/notes/route");
const { POST: inboundRoute } = await import("@/app/api/twilio/sms/route");
const { POST: retryAttachmentRoute } = await import("@/app/api/attachments/[attachmentId]/retry/route");

const BASE = "http://inbox.test";
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

async function json<T>(response: Response): Promise<{ status: number; body: T }> {
  return { status: response.status, body: (await response.json()) as T };
}

type Page = { tickets: { id: string; preview: string; tags: string[]; customer: { label: string } }[]; nextCursor: string | null };

describe.each(testDatabases())("inbox API on $name", (database) => {
  let handle: DatabaseHandle;
  let agent: User;

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    agent = await seedAgent(handle.db, "Ines Agent");
    session.user = agent;
  });
  afterAll(async () => {
    session.user = null;
    await handle.close();
  });

  async function listAll(query: string): Promise<Page["tickets"]> {
    const found: Page["tickets"] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${BASE}/api/tickets?${query}${cursor ? `&cursor=${cursor}` : ""}`;
      const { status, body } = await json<Page>(await listRoute(new Request(url)));
      expect(status).toBe(200);
      found.push(...body.tickets);
      cursor = body.nextCursor;
    } while (cursor);
    return found;
  }

  it("pages every ticket once, newest first, even when activity times differ by a microsecond", async () => {
    const { integration } = await seedTicket(handle.db);
    // 120 tickets, in 40 groups of three sharing a time, each group a microsecond apart.
    await handle.db.execute(sql`
      insert into customers (phone_e164, country) select '+1212555' || lpad(g::text, 4, '0'), 'US' from generate_series(1000, 1119) g`);
    await handle.db.execute(sql`
      insert into tickets (integration_id, customer_id, last_message_at, last_message_preview)
      select ${integration.id}::uuid, c.id, timestamptz '2030-01-01 00:00:00' + ((substr(c.phone_e164, 9)::int - 1000) / 3) * interval '1 microsecond', 'keyset ' || c.phone_e164
      from customers c where c.phone_e164 like '+1212555%'`);
    const expected = await handle.db
      .select({ id: tickets.id })
      .from(tickets)
      .orderBy(sql`${tickets.lastMessageAt} desc`, sql`${tickets.id} desc`);
    const paged = await listAll(`view=all&integration=${integration.id}`);
    expect(paged.map((ticket) => ticket.id)).toEqual(expected.filter((row) => paged.some((t) => t.id === row.id)).map((row) => row.id));
    expect(new Set(paged.map((ticket) => ticket.id)).size).toBe(121);
    // The newest group shares one time; the id breaks the tie.
    expect(["keyset +12125551117", "keyset +12125551118", "keyset +12125551119"]).toContain(paged[0]!.preview);

    const bad = await listRoute(new Request(`${BASE}/api/tickets?cursor=not-a-cursor`));
    expect(bad.status).toBe(400);
  });

  it("filters by view and counts every view in one query", async () => {
    const mine = await seedTicket(handle.db);
    await handle.db.update(tickets).set({ assigneeId: agent.id }).where(eq(tickets.id, mine.ticket.id));
    const closed = await seedTicket(handle.db);
    await handle.db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(eq(tickets.id, closed.ticket.id));
    const ids = async (view: string) => (await listAll(`view=${view}`)).map((ticket) => ticket.id);

    expect(await ids("mine")).toEqual([mine.ticket.id]);
    expect(await ids("closed")).toContain(closed.ticket.id);
    expect(await ids("open")).not.toContain(closed.ticket.id);
    expect(await ids("unassigned")).not.toContain(mine.ticket.id);
    const { body: counts } = await json<Record<string, number>>(await countsRoute(new Request(`${BASE}/api/tickets/counts`)));
    expect(counts.mine).toBe(1);
    expect(counts.open).toBe((await ids("open")).length);
    expect(counts.unassigned).toBe(counts.open! - 1);
    expect(counts.closed).toBe((await ids("closed")).length);
    expect(counts.closed).toBeGreaterThan(0);
    expect(counts.all).toBe((await ids("all")).length);
    expect(counts.all).toBe(counts.open! + counts.closed!);

    // Narrowed to one integration, every number follows it.
    const { body: narrowed } = await json<Record<string, number>>(await countsRoute(new Request(`${BASE}/api/tickets/counts?integration=${closed.integration.id}`)));
    expect(narrowed).toEqual({ open: 0, mine: 0, unassigned: 0, snoozed: 0, overdue: 0, closed: 1, all: 1, unread: { open: 0, mine: 0, unassigned: 0 } });
  });

  it("gives the tags rules added, in the list and on the ticket", async () => {
    const { ticket, integration } = await seedTicket(handle.db);
    const bare = await seedTicket(handle.db);
    await addTicketTag({ db: handle.db, ticketId: ticket.id, tag: "refund" });
    await addTicketTag({ db: handle.db, ticketId: ticket.id, tag: "vip" });
    await addTicketTag({ db: handle.db, ticketId: ticket.id, tag: "refund" });

    const listed = await listAll(`view=all&integration=${integration.id}`);
    expect(listed.map((row) => ({ id: row.id, tags: row.tags }))).toEqual([{ id: ticket.id, tags: ["refund", "vip"] }]);
    const { body: view } = await json<{ ticket: { tags: string[] } }>(await ticketRoute(new Request(`${BASE}/api/tickets/${ticket.id}`), ctx({ ticketId: ticket.id })));
    expect(view.ticket.tags).toEqual(["refund", "vip"]);
    const { body: untagged } = await json<{ ticket: { tags: string[] } }>(await ticketRoute(new Request(`${BASE}/api/tickets/${bare.ticket.id}`), ctx({ ticketId: bare.ticket.id })));
    expect(untagged.ticket.tags).toEqual([]);
  });

  it("finds tickets by a number typed any way, part of a number, a name, or words in a message", async () => {
    const { ticket, customer } = await seedTicket(handle.db, { customerE164: "+14155557788", customerName: "Zelda Fitzgerald" });
    await handle.db.insert(messages).values({ ticketId: ticket.id, direction: "inbound", body: "My parcel arrived crushed", status: "received" });
    const search = async (q: string) => (await listAll(`view=all&q=${encodeURIComponent(q)}`)).map((found) => found.id);

    expect(await search("(415) 555-7788")).toEqual([ticket.id]);
    expect(await search("+1 415.555.7788")).toEqual([ticket.id]);
    expect(await search("557788")).toEqual([ticket.id]);
    expect(await search("zeld")).toEqual([ticket.id]);
    expect(await search("Fitzgerald zelda")).toEqual([ticket.id]);
    expect(await search("parcel crush")).toEqual([ticket.id]);
    expect(await search("parcel intact")).toEqual([]);
    expect(customer.phoneE164).toBe("+14155557788");
  });

  it("gives the ticket with its composer locks, and pages a long conversation with its events", async () => {
    const { ticket } = await seedTicket(handle.db, { optedOut: { keyword: "STOP" }, customerName: "Olga" });
    await handle.db.execute(sql`
      insert into messages (ticket_id, direction, body, status, created_at)
      select ${ticket.id}::uuid, 'inbound', 'message ' || g, 'received', timestamptz '2031-01-01' + g * interval '1 minute' from generate_series(1, 230) g`);
    await handle.db.insert(events).values([
      { ticketId: ticket.id, type: "ticket.created", createdAt: new Date("2031-01-01T00:00:30Z") },
      { ticketId: ticket.id, type: "ticket.closed", createdAt: new Date("2031-01-01T03:00:30Z") },
    ]);
    const { status, body: view } = await json<{ composer: { block: string | null }; customer: { label: string } }>(
      await ticketRoute(new Request(`${BASE}/api/tickets/${ticket.id}`), ctx({ ticketId: ticket.id })),
    );
    expect(status).toBe(200);
    expect(view.customer.label).toBe("Olga");
    expect(view.composer.block).toMatch(/^Olga replied STOP on \d+ \w+\. You can reply after they text START\.$/);

    type Slice = { messages: { body: string }[]; events: { text: string }[]; earlierCursor: string | null };
    const pages: Slice[] = [];
    let before: string | null = null;
    do {
      const url: string = `${BASE}/api/tickets/${ticket.id}/thread${before ? `?before=${before}` : ""}`;
      const page: Slice = (await json<Slice>(await threadRoute(new Request(url), ctx({ ticketId: ticket.id })))).body;
      pages.push(page);
      before = page.earlierCursor;
    } while (before);
    expect(pages.map((page) => page.messages.length)).toEqual([100, 100, 30]);
    expect(pages[0]!.messages.at(-1)!.body).toBe("message 230");
    expect(pages[2]!.messages[0]!.body).toBe("message 1");
    expect(pages.flatMap((page) => page.messages.map((message) => message.body))).toHaveLength(new Set(pages.flatMap((page) => page.messages.map((m) => m.body))).size);
    // Each event comes with the page of messages around it: 03:00:30 (after message 180) with
    // the latest page (131–230), 00:00:30 (before message 1) with the oldest.
    expect(pages.map((page) => page.events.map((event) => event.text))).toEqual([["Ticket closed"], [], ["Ticket created"]]);

    const missing = await ticketRoute(new Request(`${BASE}/api/tickets/x`), ctx({ ticketId: "not-a-uuid" }));
    expect(missing.status).toBe(404);
  });

  it("assigns, closes, reopens and notes, refusing what cannot be", async () => {
    const { ticket, integration, customer } = await seedTicket(handle.db);
    const act = (body: unknown, headers: Record<string, string> = {}) =>
      actRoute(new Request(`${BASE}/api/tickets/${ticket.id}`, { method: "PATCH", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) }), ctx({ ticketId: ticket.id }));

    expect((await act({ action: "assign", assigneeId: agent.id })).status).toBe(200);
    expect((await act({ action: "close" })).status).toBe(200);
    // Another open ticket for the same customer and integration: reopening would make two.
    await handle.db.insert(tickets).values({ integrationId: integration.id, customerId: customer.id });
    const refused = await json<{ error: { message: string } }>(await act({ action: "reopen" }));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("already has an open ticket");
    const [stillClosed] = await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(stillClosed!.status).toBe("closed");

    const [former] = await handle.db.insert(users).values({ name: "Former", email: "former@example.com", passwordHash: "x", active: false }).returning();
    expect((await act({ action: "assign", assigneeId: former!.id })).status).toBe(400);
    expect((await act({ action: "explode" })).status).toBe(400);
    expect((await act({ action: "close" }, { Origin: "https://evil.example", Host: "inbox.test" })).status).toBe(403);

    const note = await noteRoute(
      new Request(`${BASE}/api/tickets/${ticket.id}/notes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ body: "Checked the warehouse" }) }),
      ctx({ ticketId: ticket.id }),
    );
    expect(note.status).toBe(201);
    const [stored] = await handle.db.select().from(messages).where(eq(messages.ticketId, ticket.id));
    expect(stored).toMatchObject({ direction: "note", body: "Checked the warehouse", authorId: agent.id, twilioSid: null });
    const timeline = await handle.db.select({ type: events.type, actorId: events.actorId }).from(events).where(eq(events.ticketId, ticket.id));
    expect(timeline).toEqual([
      { type: "ticket.assigned", actorId: agent.id },
      { type: "ticket.closed", actorId: agent.id },
    ]);
  });

  it("refuses anyone signed out", async () => {
    session.user = null;
    try {
      expect((await listRoute(new Request(`${BASE}/api/tickets`))).status).toBe(401);
    } finally {
      session.user = agent;
    }
  });

  it("starts a conversation from a number typed locally, and the customer's answer lands on that ticket", async () => {
    const { integration } = await seedTicket(handle.db);
    const form = new FormData();
    form.set("phone", "(415) 555-3344");
    form.set("integrationId", integration.id);
    form.set("body", "Your repair is done. Reply to book a pickup.");
    const started = await json<{ ticketId: string; existing: boolean }>(await startRoute(new Request(`${BASE}/api/tickets`, { method: "POST", body: form })));
    expect(started.status).toBe(201);
    const [created] = await handle.db.select().from(tickets).where(eq(tickets.id, started.body.ticketId));
    expect(created).toMatchObject({ status: "open", assigneeId: agent.id, lastInboundAt: null });
    const [customer] = await handle.db.select().from(customers).where(eq(customers.id, created!.customerId));
    expect(customer).toMatchObject({ phoneE164: "+14155553344", country: "US" });

    const answer = await inboundRoute(await signedTwilioRequest("/api/twilio/sms", await inboundParams({ From: "+14155553344", To: integration.phoneE164, Body: "Tomorrow at 10?" })));
    expect(answer.status).toBe(200);
    const thread = await handle.db.select({ direction: messages.direction, body: messages.body }).from(messages).where(eq(messages.ticketId, started.body.ticketId));
    expect(thread).toEqual(expect.arrayContaining([{ direction: "outbound", body: "Your repair is done. Reply to book a pickup." }, { direction: "inbound", body: "Tomorrow at 10?" }]));

    // A second start joins the open ticket instead of making another.
    form.set("body", "One more thing");
    const again = await json<{ ticketId: string; existing: boolean }>(await startRoute(new Request(`${BASE}/api/tickets`, { method: "POST", body: form })));
    expect(again.body).toEqual({ ticketId: started.body.ticketId, existing: true });

    form.set("phone", "12");
    const bad = await json<{ error: { fieldErrors: Record<string, string> } }>(await startRoute(new Request(`${BASE}/api/tickets`, { method: "POST", body: form })));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldErrors.phone).toContain("“12”");
  });

  it("puts a picture that could not be downloaded back in the download queue, once", async () => {
    const { ticket } = await seedTicket(handle.db);
    const [message] = await handle.db.insert(messages).values({ ticketId: ticket.id, direction: "inbound", body: "", status: "received" }).returning();
    const [failed] = await handle.db
      .insert(attachments)
      .values({ messageId: message!.id, status: "failed", contentType: "image/jpeg", fileName: "attachment-1", sourceUrl: `${internalBaseUrl()}/sandbox/twilio/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1`, error: "404" })
      .returning();
    const retry = () => retryAttachmentRoute(new Request(`${BASE}/api/attachments/${failed!.id}/retry`, { method: "POST" }), { params: Promise.resolve({ attachmentId: failed!.id }) });
    expect((await retry()).status).toBe(200);
    const [row] = await handle.db.select().from(attachments).where(eq(attachments.id, failed!.id));
    expect(row).toMatchObject({ status: "pending", error: null });
    const queued = await handle.db.execute(sql`select kind, payload from jobs where payload->>'attachmentId' = ${failed!.id}`);
    const rows = (Array.isArray(queued) ? queued : (queued as unknown as { rows: unknown[] }).rows) as { kind: string; payload: unknown }[];
    expect(rows).toEqual([{ kind: "media.download", payload: { attachmentId: failed!.id } }]);
    // Already waiting for its download: a second click changes nothing.
    expect((await retry()).status).toBe(409);
  });

  it("keeps attachment bytes out of the conversation data", async () => {
    const { ticket } = await seedTicket(handle.db);
    const [message] = await handle.db.insert(messages).values({ ticketId: ticket.id, direction: "inbound", body: "", status: "received" }).returning();
    await handle.db.insert(attachments).values({ messageId: message!.id, status: "unsupported", contentType: "application/pdf", fileName: "a.pdf" });
    const { body } = await json<{ messages: { attachments: Record<string, unknown>[] }[] }>(
      await threadRoute(new Request(`${BASE}/api/tickets/${ticket.id}/thread`), ctx({ ticketId: ticket.id })),
    );
    expect(body.messages[0]!.attachments).toEqual([{ id: expect.any(String), status: "unsupported", contentType: "application/pdf", fileName: "a.pdf", size: 0, error: null }]);
  });
});
