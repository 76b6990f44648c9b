import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { insertJob } from "@/db/queries/jobs";
import { jobs } from "@/db/schema";
import type { JobHandlers } from "@/lib/jobs/catalog";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { runDueJobs } from "@/lib/jobs/worker";
import { testDatabases } from "../support/database";

describe.each(testDatabases())("the job catalog on $name", (database) => {
  let handle: DatabaseHandle;
  const ran: { kind: string; payload: unknown }[] = [];
  const record = (kind: string) => async ({ payload }: { payload: unknown }) => {
    ran.push({ kind, payload });
  };
  const handlers = {
    "media.download": record("media.download"),
    "message.send": record("message.send"),
    "rules.run": record("rules.run"),
    "bulk.run": record("bulk.run"),
    "reports.compact": record("reports.compact"),
    "ticket.wake": record("ticket.wake"),
    "sandbox.advance": record("sandbox.advance"),
    "sandbox.callback": record("sandbox.callback"),
    "sandbox.deliver": record("sandbox.deliver"),
  } satisfies JobHandlers;

  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it("refuses to queue a payload that does not match its kind, and writes nothing", async () => {
    const before = await handle.db.select().from(jobs);
    await expect(
      // @ts-expect-error: a message id is required, and must be a uuid.
      enqueueJob({ db: handle.db, job: { kind: "message.send", payload: { messageId: 42 } } }),
    ).rejects.toThrow(/message\.send job's payload is not valid[\s\S]*messageId/);
    await expect(enqueueJob({ db: handle.db, job: { kind: "rules.run", payload: { messageId: "not-a-uuid" } } })).rejects.toThrow(/rules\.run/);
    expect(await handle.db.select().from(jobs)).toHaveLength(before.length);
  });

  it("hands each handler its parsed payload, defaults filled in", async () => {
    const messageId = randomUUID();
    await enqueueJob({ db: handle.db, job: { kind: "rules.run", payload: { messageId }, dedupeKey: `rules:${messageId}` } });
    const [row] = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, `rules:${messageId}`));
    expect(row?.payload).toEqual({ messageId, ticketCreated: false });
    ran.length = 0;
    await runDueJobs({ db: handle.db, handlers });
    expect(ran).toEqual([{ kind: "rules.run", payload: { messageId, ticketCreated: false } }]);
    const [done] = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, `rules:${messageId}`));
    expect(done?.doneAt).not.toBeNull();
  });

  it("gives up at once on a stored row whose payload or kind the catalog does not know, without running anything", async () => {
    await insertJob({ db: handle.db, job: { kind: "media.download", payload: { attachmentId: 7 }, dedupeKey: "bad-payload" } });
    await insertJob({ db: handle.db, job: { kind: "no.such.kind", payload: {}, dedupeKey: "bad-kind" } });
    ran.length = 0;
    await runDueJobs({ db: handle.db, handlers });
    expect(ran).toEqual([]);
    const [badPayload] = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, "bad-payload"));
    const [badKind] = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, "bad-kind"));
    expect(badPayload).toMatchObject({ attempts: 1, lastError: "media.download job has a malformed payload" });
    expect(badPayload?.failedAt).not.toBeNull();
    expect(badKind).toMatchObject({ attempts: 1, lastError: "No handler for job kind no.such.kind" });
    expect(badKind?.failedAt).not.toBeNull();
  });
});
