import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { attachments, messages, users, type User } from "@/db/schema";
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
vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = "secret for signed media urls in tests";
  process.env.PUBLIC_BASE_URL = "https://inbox.example.com";
});

const { GET: attachmentRoute } = await import("@/app/api/attachments/[attachmentId]/route");
const { GET: mediaRoute } = await import("@/app/api/media/[attachmentId]/route");
const { GET: eventsRoute } = await import("@/app/api/events/route");
const { GET: simulatorEventsRoute } = await import("@/app/(app)/sandbox/phone/events/route");
const { signedMediaUrl } = await import("@/lib/outbound/media-url");
const { publishInboxEvent } = await import("@/lib/realtime/publish");
const { readInboxMark } = await import("@/lib/realtime/hub");

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6360000000020001e221bc330000000049454e44ae426082", "hex");
const HTML = Buffer.from("<html><script>alert(document.cookie)</script></html>");
const ctx = (attachmentId: string) => ({ params: Promise.resolve({ attachmentId }) });

/** Reads a server-sent event stream as text: `readUntil` is false when the stream ended first. */
function readStream(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let received = "";
  const readUntil = async (text: string) => {
    while (!received.includes(text)) {
      const { value, done } = await reader.read();
      if (done) return false;
      received += decoder.decode(value);
    }
    return true;
  };
  return { reader, readUntil, received: () => received };
}

describe.each(testDatabases())("attachments, signed media and live events on $name", (database) => {
  let handle: DatabaseHandle;
  let agent: User;
  let png: string;
  let html: string;

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    // The process's hub LISTENs on the first database it met; this one needs its own.
    delete (globalThis as { __inboxHub?: unknown }).__inboxHub;
    agent = await seedAgent(handle.db);
    const { ticket } = await seedTicket(handle.db);
    const [message] = await handle.db.insert(messages).values({ ticketId: ticket.id, direction: "inbound", body: "", status: "received" }).returning();
    const rows = await handle.db
      .insert(attachments)
      .values([
        { messageId: message!.id, position: 0, status: "stored", contentType: "image/png", fileName: "label “1”.png", size: PNG.length, data: PNG },
        // What a carrier claimed, not what the bytes are.
        { messageId: message!.id, position: 1, status: "stored", contentType: "image/png", fileName: "page.png", size: HTML.length, data: HTML },
      ])
      .returning();
    png = rows[0]!.id;
    html = rows[1]!.id;
  });
  afterAll(async () => {
    session.user = null;
    await handle.close();
  });

  it("serves pictures to signed-in users only, typed from their bytes, never as a page", async () => {
    session.user = null;
    expect((await attachmentRoute(new Request("http://x/"), ctx(png))).status).toBe(401);
    session.user = agent;

    const ok = await attachmentRoute(new Request("http://x/"), ctx(png));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/png");
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
    expect(ok.headers.get("content-disposition")).toBe(`inline; filename="label _1_.png"; filename*=UTF-8''label%20%E2%80%9C1%E2%80%9D.png`);
    expect(Buffer.from(await ok.arrayBuffer()).equals(PNG)).toBe(true);

    const disguised = await attachmentRoute(new Request("http://x/"), ctx(html));
    expect(disguised.headers.get("content-type")).toBe("application/octet-stream");
    expect(disguised.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(disguised.headers.get("content-security-policy")).toContain("sandbox");

    expect((await attachmentRoute(new Request("http://x/"), ctx("00000000-0000-4000-8000-000000000000"))).status).toBe(404);
    expect((await attachmentRoute(new Request("http://x/"), ctx("../../etc/passwd"))).status).toBe(404);
  });

  it("serves outgoing MMS media to Twilio by signed, expiring URL and to no one else", async () => {
    session.user = null;
    const url = new URL(await signedMediaUrl(png));
    expect(url.origin).toBe("https://inbox.example.com");
    const fetchMedia = (search: string, id = png) => mediaRoute(new Request(`http://x/api/media/${id}?${search}`), ctx(id));

    const ok = await fetchMedia(url.searchParams.toString());
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/png");

    const sig = url.searchParams.get("sig")!;
    const expires = url.searchParams.get("expires")!;
    expect((await fetchMedia(`expires=${expires}&sig=${sig.slice(0, -2)}xx`)).status).toBe(403);
    expect((await fetchMedia(`expires=${Number(expires) + 60}&sig=${sig}`)).status).toBe(403);
    expect((await fetchMedia(`expires=${expires}&sig=${sig}`, html)).status).toBe(403);
    expect((await fetchMedia("")).status).toBe(403);

    const expired = new URL(await signedMediaUrl(png, Date.now() - 2 * 60 * 60 * 1000));
    expect((await fetchMedia(expired.searchParams.toString())).status).toBe(403);

    const gone = "00000000-0000-4000-8000-000000000001";
    const signedGone = new URL(await signedMediaUrl(gone));
    expect((await fetchMedia(signedGone.searchParams.toString(), gone)).status).toBe(404);
  });

  it("streams inbox events to signed-in browsers and lets go when they leave", async () => {
    session.user = null;
    expect((await eventsRoute(new Request("http://x/api/events"))).status).toBe(401);
    session.user = agent;

    const leave = new AbortController();
    const response = await eventsRoute(new Request("http://x/api/events", { signal: leave.signal }));
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const { reader, readUntil, received } = readStream(response);
    expect(await readUntil("event: ready")).toBe(true);

    await publishInboxEvent({ db: handle.db, event: { type: "ticket.updated", ticketId: "t-1" } });
    expect(await readUntil('"ticketId":"t-1"')).toBe(true);
    expect(received()).toContain(`event: inbox\ndata: {"type":"ticket.updated","ticketId":"t-1"}\n\n`);

    const hub = (globalThis as unknown as { __inboxHub: { emitter: import("node:events").EventEmitter } }).__inboxHub;
    const before = hub.emitter.listenerCount("event");
    leave.abort();
    await vi.waitFor(() => expect(hub.emitter.listenerCount("event")).toBe(before - 1));
    expect((await reader.read()).done).toBe(true);
  });

  it("tells a page's stream whether an event came in after the page read its data, so a load does not fetch it all again", async () => {
    session.user = agent;
    const readyOf = async (url: string) => {
      const leave = new AbortController();
      const stream = readStream(await eventsRoute(new Request(url, { signal: leave.signal })));
      expect(await stream.readUntil("event: ready\ndata: {")).toBe(true);
      expect(await stream.readUntil("}\n\n")).toBe(true);
      const ready = /event: ready\ndata: (\{[^\n]*\})/.exec(stream.received())![1]!;
      return { ready: JSON.parse(ready) as { missed: boolean }, stream, leave };
    };

    const mark = (await readInboxMark())!;
    expect(mark).not.toBeNull();
    const since = `http://x/api/events?since=${encodeURIComponent(mark)}`;
    const first = await readyOf(since);
    // Nothing came in since the mark: the page's data is current.
    expect(first.ready).toEqual({ missed: false });

    // Who is on a ticket is no part of a page's data: it leaves the mark as it was.
    await publishInboxEvent({ db: handle.db, event: { type: "presence.changed", ticketId: "t-3" } });
    expect(await first.stream.readUntil('{"type":"presence.changed","ticketId":"t-3"}')).toBe(true);
    const afterPresence = await readyOf(since);
    expect(afterPresence.ready).toEqual({ missed: false });
    afterPresence.leave.abort();

    await publishInboxEvent({ db: handle.db, event: { type: "ticket.updated", ticketId: "t-2" } });
    expect(await first.stream.readUntil('{"type":"ticket.updated","ticketId":"t-2"}')).toBe(true);
    first.leave.abort();

    // An event came in after the same mark: the page must fetch again.
    const late = await readyOf(since);
    expect(late.ready).toEqual({ missed: true });
    late.leave.abort();
    // No mark, or one this process never gave (another app process's): fetch again.
    for (const url of ["http://x/api/events", `http://x/api/events?since=${encodeURIComponent(`other-process:${mark.split(":")[1]}`)}`]) {
      const other = await readyOf(url);
      expect(other.ready).toEqual({ missed: true });
      other.leave.abort();
    }
    // A mark read now is current again.
    const fresh = await readyOf(`http://x/api/events?since=${encodeURIComponent((await readInboxMark())!)}`);
    expect(fresh.ready).toEqual({ missed: false });
    fresh.leave.abort();
  });

  it.each([
    ["the inbox", "http://x/api/events", () => eventsRoute],
    ["the phone simulator", "http://x/sandbox/phone/events", () => simulatorEventsRoute],
  ])("cuts %s's live stream off at the next heartbeat once the user is deactivated", async (_name, url, route) => {
    const user = await seedAgent(handle.db);
    session.user = user;
    process.env.SSE_HEARTBEAT_MS = "50";
    try {
      const leave = new AbortController();
      const response = await route()(new Request(url, { signal: leave.signal }));
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const { reader, readUntil } = readStream(response);
      // Still active: heartbeats keep coming and the stream stays open.
      expect(await readUntil(": heartbeat\n\n: heartbeat\n\n")).toBe(true);
      await handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
      await vi.waitFor(async () => expect((await reader.read()).done).toBe(true), { timeout: 2000 });
      leave.abort();
    } finally {
      delete process.env.SSE_HEARTBEAT_MS;
      session.user = agent;
    }
  });
});
