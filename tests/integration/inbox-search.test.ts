import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages, tickets, type User } from "@/db/schema";
import { countInboxTickets } from "@/db/queries/tickets";
import { AppError } from "@/lib/errors";
import { parseSearchQuery } from "@/lib/tickets/search";
import { testDatabases, useDatabase } from "../support/database";
import { seedAgent, seedTicket } from "../support/inbox-seed";
import { normalizeTagName } from "@/lib/tags/name";

// Route handlers ask next-auth for the session; here the signed-in user is whoever the test says.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/session", () => ({
  authorizeRequest: async () => {
    if (!session.user) throw new AppError("unauthorized", "Sign in to continue.");
    return session.user;
  },
}));

const { GET: listRoute } = await import("@/app/api/tickets/route");
const { GET: countsRoute } = await import("@/app/api/tickets/counts/route");

const BASE = "http://inbox.test";

type Page = { tickets: { id: string }[]; nextCursor: string | null; ignored: string[] };
type Counts = { open: number; mine: number; unassigned: number; closed: number; all: number };

/** A word no other test writes, so each search here sees only its own tickets. */
function marker(): string {
  return Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join("");
}

/** "+14155561234" as an agent might type it: "(415) 556-1234". */
function local(e164: string): string {
  return `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
}

describe.each(testDatabases())("inbox search on $name", (database) => {
  let handle: DatabaseHandle;
  let me: User;
  let other: User;
  let word: string;
  const t: Record<"mineOpen" | "unassignedOpen" | "otherClosed" | "unassignedClosed", { id: string; phone: string; integration: string }> = {} as never;

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    me = await seedAgent(handle.db, "Ines Searcher");
    other = await seedAgent(handle.db, "Omar Other");
    session.user = me;
    word = marker();
    const seed = async (key: keyof typeof t, body: string, changes: { status?: "open" | "closed"; assigneeId?: string | null; tags?: string[] }) => {
      const { ticket, customer, integration } = await seedTicket(handle.db);
      await handle.db.insert(messages).values({ ticketId: ticket.id, direction: "inbound", body, status: "received" });
      await handle.db
        .update(tickets)
        // Tags as the app stores what was typed ("VIP" is the tag "vip").
        .set({ ...changes, tags: changes.tags?.map(normalizeTagName), closedAt: changes.status === "closed" ? new Date() : null })
        .where(eq(tickets.id, ticket.id));
      t[key] = { id: ticket.id, phone: customer.phoneE164, integration: integration.name };
    };
    await seed("mineOpen", `Is the replacement shipping with next day delivery? ${word}`, { assigneeId: me.id, tags: ["VIP"] });
    await seed("unassignedOpen", `replacement ${word}: delivery next day please`, { tags: ["urgent"] });
    await seed("otherClosed", `The replacement arrived, thanks ${word}`, { status: "closed", assigneeId: other.id, tags: ["vip", "refund"] });
    await seed("unassignedClosed", `All good ${word}`, { status: "closed" });
  });
  afterAll(async () => {
    session.user = null;
    await handle.close();
  });

  async function list(q: string, view?: string): Promise<Page & { ids: string[] }> {
    const url = `${BASE}/api/tickets?q=${encodeURIComponent(q)}${view ? `&view=${view}` : ""}`;
    const response = await listRoute(new Request(url));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Page;
    expect(body.nextCursor).toBeNull();
    return { ...body, ids: body.tickets.map((ticket) => ticket.id) };
  }
  const found = async (q: string, view?: string) => (await list(q, view)).ids.sort();
  const ids = (...keys: (keyof typeof t)[]) => keys.map((key) => t[key].id).sort();

  async function counts(q: string): Promise<Counts> {
    const response = await countsRoute(new Request(`${BASE}/api/tickets/counts?q=${encodeURIComponent(q)}`));
    expect(response.status).toBe(200);
    const { open, mine, unassigned, closed, all } = (await response.json()) as Counts;
    return { open, mine, unassigned, closed, all };
  }

  it("covers every ticket unless a view is asked for, and counts what it finds in each view", async () => {
    expect(await found(`replacement ${word}`)).toEqual(ids("mineOpen", "unassignedOpen", "otherClosed"));
    expect(await found(`replacement ${word}`, "open")).toEqual(ids("mineOpen", "unassignedOpen"));
    expect(await found(`replacement ${word}`, "closed")).toEqual(ids("otherClosed"));
    expect(await found(`replacement ${word}`, "mine")).toEqual(ids("mineOpen"));
    expect(await found(`replacement ${word}`, "unassigned")).toEqual(ids("unassignedOpen"));
    expect(await counts(`replacement ${word}`)).toEqual({ open: 2, mine: 1, unassigned: 1, closed: 1, all: 3 });
    expect(await counts(`tag:vip ${word}`)).toEqual({ open: 1, mine: 1, unassigned: 0, closed: 1, all: 2 });
    expect(await counts(`nothing-here ${word}`)).toEqual({ open: 0, mine: 0, unassigned: 0, closed: 0, all: 0 });
  });

  it("caps the closed count of a search as the inbox's own closed count is capped", async () => {
    const search = parseSearchQuery(word).search;
    const capped = await countInboxTickets({ db: handle.db, userId: me.id, search, closedCountCap: 1 });
    expect(capped.closed).toBe(2);
    const whole = await countInboxTickets({ db: handle.db, userId: me.id, search, closedCountCap: 1000 });
    expect(whole).toMatchObject({ open: 2, closed: 2, all: 4 });
  });

  it("matches a quoted phrase only with its words in order", async () => {
    expect(await found(`"next day delivery" ${word}`)).toEqual(ids("mineOpen"));
    expect(await found(`next day delivery ${word}`)).toEqual(ids("mineOpen", "unassignedOpen"));
    expect(await found(`"delivery next day" ${word}`)).toEqual(ids("unassignedOpen"));
  });

  it("filters by tag, in any case; repeated tags must all be there", async () => {
    expect(await found(`tag:vip ${word}`)).toEqual(ids("mineOpen", "otherClosed"));
    expect(await found(`tag:VIP tag:refund ${word}`)).toEqual(ids("otherClosed"));
    expect(await found(`tag:vip tag:urgent ${word}`)).toEqual([]);
  });

  it("filters by status", async () => {
    expect(await found(`status:closed ${word}`)).toEqual(ids("otherClosed", "unassignedClosed"));
    expect(await found(`status:open ${word}`)).toEqual(ids("mineOpen", "unassignedOpen"));
    expect(await found(`status:open status:closed ${word}`)).toEqual(ids("mineOpen", "unassignedOpen", "otherClosed", "unassignedClosed"));
  });

  it("filters by assignee: me, none, a name or an email", async () => {
    expect(await found(`assignee:me ${word}`)).toEqual(ids("mineOpen"));
    expect(await found(`assignee:none ${word}`)).toEqual(ids("unassignedOpen", "unassignedClosed"));
    expect(await found(`assignee:"omar other" ${word}`)).toEqual(ids("otherClosed"));
    expect(await found(`assignee:${other.email.toUpperCase()} ${word}`)).toEqual(ids("otherClosed"));
    expect(await found(`assignee:nobody-by-that-name ${word}`)).toEqual([]);
    // Someone else searching "me" finds their own tickets, not mine.
    session.user = other;
    try {
      expect(await found(`assignee:me ${word}`)).toEqual(ids("otherClosed"));
    } finally {
      session.user = me;
    }
  });

  it("filters by integration name", async () => {
    expect(await found(`integration:"${t.otherClosed.integration.toLowerCase()}" ${word}`)).toEqual(ids("otherClosed"));
  });

  it("filters by the customer's number typed in another format", async () => {
    expect(t.unassignedClosed.phone).toMatch(/^\+1\d{10}$/);
    expect(await found(`from:${JSON.stringify(local(t.unassignedClosed.phone))}`)).toEqual(ids("unassignedClosed"));
    expect(await found(`from:${t.unassignedClosed.phone.slice(2).replace(/(\d{3})(\d{3})/, "$1.$2.")}`)).toEqual(ids("unassignedClosed"));
    expect(await found(`from:${t.unassignedClosed.phone} status:open`)).toEqual([]);
  });

  it("searches a filter it does not understand as plain words, and says so", async () => {
    const colour = await list(`colour:red ${word}`);
    expect(colour.ignored).toEqual(["colour:red"]);
    expect(colour.ids).toEqual([]);
    const banana = await list(`status:banana ${word}`);
    expect(banana.ignored).toEqual(["status:banana"]);
    expect(banana.ids).toEqual([]);
    const understood = await list(`status:closed ${word}`);
    expect(understood.ignored).toEqual([]);
  });
});
