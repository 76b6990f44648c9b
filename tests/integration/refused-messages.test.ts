import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { countAuditEntries } from "@/db/queries/audit";
import { listRefusedMessages } from "@/db/queries/refused-messages";
import { refusedMessages } from "@/db/schema";
import { numberSearchFrom } from "@/lib/audit/refused";
import { testDatabases } from "../support/database";
import { BUSINESS, closeInboundDatabase, openInboundDatabase, postInbound as send } from "../support/inbound";
import { inboundParams, PUBLIC_BASE } from "../support/twilio";

beforeAll(() => {
  process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
});

describe.each(testDatabases())("refused messages on $name", (database) => {
  let handle: DatabaseHandle;
  let integrationId: string;

  beforeAll(async () => {
    ({ handle, integrationId } = await openInboundDatabase(database));
  });
  afterAll(() => closeInboundDatabase(handle));

  it("lists each refused text once, newest first, with its number, country, integration and reason, and never its text", async () => {
    const before = await countAuditEntries({ db: handle.db, days: 30 });
    const passcode = await inboundParams({ From: "+14155552999", To: BUSINESS, Body: "Your verification code is 771234" });
    const abroad = await inboundParams({ From: "+5511987650009", To: BUSINESS, Body: "Olá, tudo bem?", FromCountry: "BR" });
    const sender = await inboundParams({ From: "AMAZON", To: BUSINESS, Body: "Your parcel is out for delivery" });
    for (const params of [passcode, abroad, sender]) {
      expect((await send(params)).status).toBe(200);
      // Twilio retries: still one row.
      await Promise.all([send(params), send(params)]);
    }

    const { rows, next } = await listRefusedMessages({ db: handle.db });
    expect(next).toBeNull();
    expect(rows.map(({ fromNumber, country, reason, integrationName }) => ({ fromNumber, country, reason, integrationName }))).toEqual([
      { fromNumber: "AMAZON", country: null, reason: "short_code_or_sender_name", integrationName: expect.any(String) },
      { fromNumber: "+5511987650009", country: "BR", reason: "country_not_allowed", integrationName: expect.any(String) },
      { fromNumber: "+14155552999", country: "US", reason: "one_time_passcode", integrationName: expect.any(String) },
    ]);
    const stored = await handle.db.select().from(refusedMessages);
    expect(stored.every((row) => row.integrationId === integrationId)).toBe(true);
    const everything = JSON.stringify(await handle.db.execute(sql`select * from refused_messages`));
    for (const params of [passcode, abroad, sender]) expect(everything).not.toContain(params.Body);

    // Stored with the audit count, in the same transaction: the two agree.
    const after = await countAuditEntries({ db: handle.db, days: 30 });
    expect((after["audit.otp_blocked"] ?? 0) - (before["audit.otp_blocked"] ?? 0)).toBe(2);
    expect((after["audit.country_blocked"] ?? 0) - (before["audit.country_blocked"] ?? 0)).toBe(1);
  });

  it("finds a sender by number in any format, and by a sender name", async () => {
    const find = async (input: string) => (await listRefusedMessages({ db: handle.db, search: numberSearchFrom(input) })).rows.map((row) => row.fromNumber);
    expect(await find("+55 11 98765-0009")).toEqual(["+5511987650009"]);
    expect(await find("(415) 555-2999")).toEqual(["+14155552999"]);
    expect(await find("552999")).toEqual(["+14155552999"]);
    expect(await find("amazon")).toEqual(["AMAZON"]);
    expect(await find("+1 206 555 0100")).toEqual([]);
  });

  it("pages newest first without skipping or repeating a refusal", async () => {
    const seen: string[] = [];
    let cursor = null;
    do {
      const page: Awaited<ReturnType<typeof listRefusedMessages>> = await listRefusedMessages({ db: handle.db, before: cursor, limit: 2 });
      seen.push(...page.rows.map((row) => row.fromNumber));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(["AMAZON", "+5511987650009", "+14155552999"]);
  });
});
