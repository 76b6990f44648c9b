import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { drafts, messages, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { testDatabases, useDatabase } from "../support/database";
import { seedAgent, seedTicket } from "../support/inbox-seed";

// Route handlers ask next-auth for the session; here the signed-in user is whoever the test says.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/session", () => ({
  authorizeRequest: async () => {
    if (!session.user) throw new AppError("unauthorized", "Sign in to continue.");
    return session.user;
  },
}));

const { GET: draftRoute, PUT: saveRoute } = await import("@/app/api/tickets/[ticketId]/draft/route");
const { GET: listRoute } = await import("@/app/api/tickets/route");
const { POST: replyRoute } = await import("@/app/api/tickets/[ticketId]/messages/route");
const { POST: noteRoute } = await import("@/app/api/tickets/[ticketId]/notes/route");

const BASE = "http://inbox.test";
const ctx = (ticketId: string) => ({ params: Promise.resolve({ ticketId }) });
type Drafts = { reply: { body: string } | null; note: { body: string } | null };

async function readDrafts(ticketId: string): Promise<Drafts> {
  const response = await draftRoute(new Request(`${BASE}/api/tickets/${ticketId}/draft`), ctx(ticketId));
  expect(response.status).toBe(200);
  return (await response.json()) as Drafts;
}

function save(ticketId: string, body: unknown, headers: Record<string, string> = {}) {
  const init = { method: "PUT", headers: { "Content-Type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) };
  return saveRoute(new Request(`${BASE}/api/tickets/${ticketId}/draft`, init), ctx(ticketId));
}

async function refusal(response: Response, status: number): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return (JSON.parse(text) as { error: { message: string } }).error.message;
}

describe.each(testDatabases())("drafts on $name", (database) => {
  let handle: DatabaseHandle;
  let ines: User;
  let omar: User;

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    ines = await seedAgent(handle.db, "Ines Agent");
    omar = await seedAgent(handle.db, "Omar Agent");
  });
  afterAll(async () => {
    session.user = null;
    await handle.close();
  });

  it("keeps each agent's reply and note apart; another agent's draft is invisible, in the ticket and in the list", async () => {
    const { ticket, integration } = await seedTicket(handle.db);
    session.user = ines;
    expect(await readDrafts(ticket.id)).toEqual({ reply: null, note: null });
    expect((await save(ticket.id, { kind: "reply", body: "Your parcel left" })).status).toBe(200);
    expect((await save(ticket.id, { kind: "reply", body: "Your parcel left today" })).status).toBe(200);
    expect((await save(ticket.id, { kind: "note", body: "Check the courier" })).status).toBe(200);
    expect(await readDrafts(ticket.id)).toMatchObject({ reply: { body: "Your parcel left today" }, note: { body: "Check the courier" } });

    const marked = async () => {
      const response = await listRoute(new Request(`${BASE}/api/tickets?view=all&integration=${integration.id}`));
      const page = (await response.json()) as { tickets: { id: string; hasDraft: boolean }[] };
      return page.tickets.find((row) => row.id === ticket.id)?.hasDraft;
    };
    expect(await marked()).toBe(true);

    session.user = omar;
    expect(await readDrafts(ticket.id)).toEqual({ reply: null, note: null });
    expect(await marked()).toBe(false);
    expect((await save(ticket.id, { kind: "reply", body: "Omar's own" })).status).toBe(200);
    session.user = ines;
    expect((await readDrafts(ticket.id)).reply?.body).toBe("Your parcel left today");

    // An empty text is no draft.
    expect((await save(ticket.id, { kind: "note", body: "  " })).status).toBe(200);
    expect((await readDrafts(ticket.id)).note).toBeNull();
  });

  it("refuses a draft over 1,600 characters, and bad input, in words; the saved draft stays as it was", async () => {
    const { ticket } = await seedTicket(handle.db);
    session.user = ines;
    await save(ticket.id, { kind: "reply", body: "Short and saved" });

    expect(await refusal(await save(ticket.id, { kind: "reply", body: "a".repeat(1601) }), 400)).toBe(
      "Drafts are kept up to 1,600 characters and this one has 1,601, so this version was not saved. Shorten it to keep it as a draft; your text is still here.",
    );
    expect(await refusal(await save(ticket.id, { kind: "email", body: "hi" }), 400)).toMatch(/kind \(reply or note\)/);
    expect(await refusal(await save(ticket.id, { kind: "reply" }), 400)).toMatch(/^[A-Z]/);
    expect(await refusal(await save(ticket.id, { kind: "reply", body: "a\u0000b" }), 400)).toMatch(/NUL/);
    expect(await refusal(await save(ticket.id, "{not json"), 400)).toMatch(/not valid JSON/);
    expect(await refusal(await save(ticket.id, { kind: "reply", body: "x", basisMessageId: "latest" }), 400)).toMatch(/^[A-Z]/);
    expect(await refusal(await save(ticket.id, { kind: "reply", body: "Sent from evil" }, { Origin: "https://evil.example", Host: "inbox.test" }), 403)).toMatch(/^[A-Z]/);
    expect((await readDrafts(ticket.id)).reply?.body).toBe("Short and saved");

    const missing = "00000000-0000-4000-8000-000000000000";
    expect(await refusal(await save(missing, { kind: "reply", body: "hi" }), 404)).toBe("This ticket does not exist.");
    expect(await refusal(await draftRoute(new Request(`${BASE}/api/tickets/nope/draft`), ctx("nope")), 404)).toBe("This ticket does not exist.");
    session.user = null;
    expect((await draftRoute(new Request(`${BASE}/api/tickets/${ticket.id}/draft`), ctx(ticket.id))).status).toBe(401);
    expect((await save(ticket.id, { kind: "reply", body: "anonymous" })).status).toBe(401);
    session.user = ines;
    expect((await readDrafts(ticket.id)).reply?.body).toBe("Short and saved");
  });

  it("sending a reply clears the sender's reply draft only; adding a note clears their note draft", async () => {
    const { ticket } = await seedTicket(handle.db);
    session.user = omar;
    await save(ticket.id, { kind: "reply", body: "Omar is writing too" });
    session.user = ines;
    await save(ticket.id, { kind: "reply", body: "On its way" });
    await save(ticket.id, { kind: "note", body: "Courier is slow" });

    const form = new FormData();
    form.set("body", "On its way");
    const sent = await replyRoute(new Request(`${BASE}/api/tickets/${ticket.id}/messages`, { method: "POST", body: form }), ctx(ticket.id));
    expect(sent.status, await sent.clone().text()).toBe(201);
    expect(await readDrafts(ticket.id)).toMatchObject({ reply: null, note: { body: "Courier is slow" } });

    const noted = await noteRoute(new Request(`${BASE}/api/tickets/${ticket.id}/notes`, { method: "POST", body: JSON.stringify({ body: "Courier is slow" }) }), ctx(ticket.id));
    expect(noted.status).toBe(201);
    expect(await readDrafts(ticket.id)).toEqual({ reply: null, note: null });
    const left = await handle.db.select().from(drafts).where(and(eq(drafts.ticketId, ticket.id)));
    expect(left.map((draft) => draft.body)).toEqual(["Omar is writing too"]);
    expect((await handle.db.select().from(messages).where(eq(messages.ticketId, ticket.id))).map((message) => message.body).sort()).toEqual(["Courier is slow", "On its way"]);
  });

  it("a draft begun after Send stays when the reply or note goes out; one saved while typing the sent text goes", async () => {
    const { ticket } = await seedTicket(handle.db);
    session.user = ines;
    const reply = (body: string) => {
      const form = new FormData();
      form.set("body", body);
      return replyRoute(new Request(`${BASE}/api/tickets/${ticket.id}/messages`, { method: "POST", body: form }), ctx(ticket.id));
    };
    const note = (body: string) => noteRoute(new Request(`${BASE}/api/tickets/${ticket.id}/notes`, { method: "POST", body: JSON.stringify({ body }) }), ctx(ticket.id));

    // The next reply and note were saved before the sent ones reached the server.
    await save(ticket.id, { kind: "reply", body: "Tracking link to follow" });
    await save(ticket.id, { kind: "note", body: "Ask the courier again" });
    expect((await reply("It left the warehouse today")).status).toBe(201);
    expect((await note("Courier called")).status).toBe(201);
    expect(await readDrafts(ticket.id)).toMatchObject({ reply: { body: "Tracking link to follow" }, note: { body: "Ask the courier again" } });

    // A draft saved halfway through the text that went out is that text's, and goes with it.
    await save(ticket.id, { kind: "reply", body: "Here is the track" });
    expect((await reply("Here is the tracking link")).status).toBe(201);
    expect((await readDrafts(ticket.id)).reply).toBeNull();
  });
});
