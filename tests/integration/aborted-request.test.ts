import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as inbound } from "@/app/api/twilio/sms/route";
import type { DatabaseHandle } from "@/db/client";
import { log } from "@/lib/log";
import { testDatabases } from "../support/database";
import { BUSINESS, closeInboundDatabase, openInboundDatabase } from "../support/inbound";
import { inboundParams, PUBLIC_BASE, signedTwilioRequest } from "../support/twilio";

beforeAll(() => {
  process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
});

/** The signed webhook, with a body that stops halfway the way Node reports a client hanging up. */
async function webhookCutOffHalfway(): Promise<Request> {
  const signed = await signedTwilioRequest("/api/twilio/sms", await inboundParams({ From: "+14155552001", To: BUSINESS, Body: "Is my order shipped?" }));
  const bytes = new Uint8Array(await signed.arrayBuffer());
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, bytes.length >> 1));
      controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    },
  });
  return new Request(signed.url, { method: "POST", headers: signed.headers, body, duplex: "half" } as RequestInit);
}

describe.each(testDatabases())("a webhook whose sender hangs up on $name", (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    ({ handle } = await openInboundDatabase(database));
  });
  afterAll(() => closeInboundDatabase(handle));
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("is logged as an aborted request, not as the database being unavailable, and stores nothing", async () => {
    const errors = vi.spyOn(log, "error");
    const infos = vi.spyOn(log, "info");
    const response = await inbound(await webhookCutOffHalfway());
    expect(response.status).toBe(400);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(errors.mock.calls.map((call) => call.at(-1))).not.toContain("database unavailable");
    expect(infos.mock.calls.map((call) => call.at(-1))).toContain("request body aborted by the client");
    const rows = await handle.db.query.messages.findMany();
    expect(rows).toHaveLength(0);
  });
});
