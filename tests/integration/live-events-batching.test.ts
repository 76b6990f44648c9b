import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { PreparedQueryError } from "@/db/client";
import { INBOX_CHANNEL, publishInboxEventsNow, type InboxEvent } from "@/lib/realtime/publish";
import { testDatabases } from "../support/database";

// Live events about committed work (each inbound text's) go out as NOTIFY statements: one at a
// time per database, each carrying every event published while the one before was on its way.

type Client = { unsafe?: (...args: unknown[]) => Promise<unknown>; query?: (...args: unknown[]) => Promise<unknown> };

describe.each(testDatabases())("live events published after a commit, on $name", (database) => {
  let handle: DatabaseHandle;
  const heard: string[] = [];
  let statements = 0;
  let failNext = false;

  beforeAll(async () => {
    handle = await database.open();
    await handle.listen(INBOX_CHANNEL, (payload) => heard.push((JSON.parse(payload) as { ticketId: string }).ticketId));
    // Counts the statements the events went out in, and can make the next one fail.
    const client = (handle.db as unknown as { $client: Client }).$client;
    const method = client.unsafe ? "unsafe" : "query";
    const original = client[method]!.bind(client);
    client[method] = async (...args: unknown[]) => {
      if (typeof args[0] === "string" && args[0].includes("pg_notify")) {
        statements++;
        if (failNext) {
          failNext = false;
          throw new Error("connection lost");
        }
      }
      return original(...args);
    };
  });
  afterAll(() => handle.close());

  const message = (ticketId: string): InboxEvent => ({ type: "message.created", ticketId, messageId: ticketId, fromCustomer: true });

  it("sends every event of a burst once, each publisher's in its order, in fewer statements than publishers", async () => {
    statements = 0;
    const publishers = Array.from({ length: 100 }, (_, i) => [`burst-${i}-a`, `burst-${i}-b`]);
    await Promise.all(publishers.map((ids) => publishInboxEventsNow({ db: handle.db, events: ids.map(message) })));
    await expect.poll(() => heard.filter((id) => id.startsWith("burst-")).length).toBe(200);
    const burst = heard.filter((id) => id.startsWith("burst-"));
    expect(new Set(burst).size).toBe(200);
    for (const [a, b] of publishers) expect(burst.indexOf(a!)).toBeLessThan(burst.indexOf(b!));
    expect(statements).toBeGreaterThanOrEqual(1);
    expect(statements).toBeLessThan(100);
  });

  it("sends an event published alone at once", async () => {
    await publishInboxEventsNow({ db: handle.db, events: [message("alone")] });
    await expect.poll(() => heard.includes("alone")).toBe(true);
  });

  it("fails the publishers whose statement failed, says which statement it was, and sends the next events", async () => {
    failNext = true;
    const failed = publishInboxEventsNow({ db: handle.db, events: [message("lost-1")] });
    const alsoFailed = publishInboxEventsNow({ db: handle.db, events: [message("lost-2")] });
    await expect(failed).rejects.toBeInstanceOf(PreparedQueryError);
    await expect(alsoFailed).rejects.toThrow("A prepared statement failed");
    await publishInboxEventsNow({ db: handle.db, events: [message("after")] });
    await expect.poll(() => heard.includes("after")).toBe(true);
    expect(heard).not.toContain("lost-1");
  });
});
