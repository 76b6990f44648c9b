import { count, eq } from "drizzle-orm";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as inbound } from "@/app/api/twilio/sms/route";
import { POST as statusCallback } from "@/app/api/twilio/status/route";
import type { DatabaseHandle } from "@/db/client";
import { attachments, customers, events, jobs, messages, tickets } from "@/db/schema";
import { getTwilioCredentials } from "@/lib/twilio/credentials";
import { testDatabases } from "../support/database";
import { BUSINESS, closeInboundDatabase, openInboundDatabase } from "../support/inbound";
import { inboundParams, messageSid, PUBLIC_BASE, signedTwilioRequest } from "../support/twilio";

const PATH = "/api/twilio/sms";

/** A request signed over `signed` (what Twilio would sign) carrying an arbitrary body and content type. */
async function rawSignedRequest({ body, contentType, signed }: { body: BodyInit; contentType: string; signed: Record<string, string | string[]> }): Promise<Request> {
  const { authToken } = await getTwilioCredentials();
  const signature = twilio.getExpectedTwilioSignature(authToken ?? "", `${PUBLIC_BASE}${PATH}`, signed as Record<string, string>);
  return new Request(`http://10.0.0.7:3000${PATH}`, { method: "POST", headers: { "Content-Type": contentType, "X-Twilio-Signature": signature }, body });
}

function without(params: Record<string, string>, key: string): Record<string, string> {
  const copy = { ...params };
  delete copy[key];
  return copy;
}

describe.each(testDatabases())("malformed inbound webhooks on $name", (database) => {
  let handle: DatabaseHandle;
  let next = 0;
  const customerNumber = () => `+1415555${String(3000 + next++).padStart(4, "0")}`;

  beforeAll(async () => {
    process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
    ({ handle } = await openInboundDatabase(database));
  });
  afterAll(() => closeInboundDatabase(handle));

  async function rowCounts() {
    const tables = { customers, tickets, messages, attachments, jobs, events };
    const entries = await Promise.all(Object.entries(tables).map(async ([name, table]) => [name, (await handle.db.select({ n: count() }).from(table))[0]!.n] as const));
    return Object.fromEntries(entries);
  }

  /** Posts the request; the handler must answer (never throw) with `status`, and leave no rows behind. */
  async function expectRefused(request: Request, status: number, reason?: RegExp) {
    const before = await rowCounts();
    const response = await inbound(request);
    const text = await response.text();
    expect(response.status, text).toBe(status);
    if (reason) expect(text).toMatch(reason);
    expect(await rowCounts()).toEqual(before);
  }

  async function params(overrides: Partial<Record<string, string>> = {}) {
    return inboundParams({ From: customerNumber(), To: BUSINESS, ...overrides });
  }

  it("refuses a message without From, To or MessageSid, saying which is missing", async () => {
    for (const key of ["From", "To", "MessageSid"]) {
      const signed = without(await params(), key);
      await expectRefused(await signedTwilioRequest(PATH, signed), 400, new RegExp(key));
    }
    await expectRefused(await signedTwilioRequest(PATH, await params({ From: "   " })), 400, /From/);
    await expectRefused(await signedTwilioRequest(PATH, await params({ MessageSid: "SM123" })), 400, /MessageSid/);
    await expectRefused(await signedTwilioRequest(PATH, await params({ AccountSid: "not-an-account" })), 400, /AccountSid/);
  });

  it("refuses a message claiming more media than it carries, or a NumMedia that is not a small count", async () => {
    await expectRefused(await signedTwilioRequest(PATH, await params({ NumMedia: "3", MediaUrl0: "https://api.twilio.com/media/1", MediaContentType0: "image/png" })), 400, /MediaUrl1/);
    await expectRefused(await signedTwilioRequest(PATH, await params({ NumMedia: "1", MediaUrl0: "javascript:alert(1)" })), 400, /MediaUrl0/);
    for (const numMedia of ["-1", "abc", "1.5", "1e9", "999999999999999999999"]) {
      await expectRefused(await signedTwilioRequest(PATH, await params({ NumMedia: numMedia })), 400, /NumMedia/);
    }
  });

  it("refuses a 1 MB body as too large, and a Body longer than ten segments' worth", async () => {
    await expectRefused(await signedTwilioRequest(PATH, await params({ Body: "x".repeat(1024 * 1024) })), 413);
    await expectRefused(await signedTwilioRequest(PATH, await params({ Body: "y".repeat(1600 * 4 + 1) })), 400, /Body/);
  });

  it("refuses JSON and multipart bodies: 415 when signed as Twilio signs them (the URL alone), 403 otherwise", async () => {
    const signed = await params();
    const json = JSON.stringify(signed);
    await expectRefused(await rawSignedRequest({ body: json, contentType: "application/json", signed: {} }), 415);
    // A form's signature does not vouch for the same fields sent another way.
    await expectRefused(await rawSignedRequest({ body: json, contentType: "application/json", signed }), 403);
    const form = new FormData();
    for (const [key, value] of Object.entries(signed)) form.append(key, value);
    const multipart = new Request("http://x/", { method: "POST", body: form });
    const multipartBody = await multipart.arrayBuffer();
    const multipartType = multipart.headers.get("content-type")!;
    await expectRefused(await rawSignedRequest({ body: multipartBody, contentType: multipartType, signed: {} }), 415);
    await expectRefused(await rawSignedRequest({ body: multipartBody, contentType: multipartType, signed }), 403);
    await expectRefused(await rawSignedRequest({ body: new URLSearchParams(signed).toString(), contentType: "text/plain", signed: {} }), 415);
    await expectRefused(await rawSignedRequest({ body: new URLSearchParams(signed).toString(), contentType: "text/plain", signed }), 403);
  });

  it("refuses an empty signed body", async () => {
    await expectRefused(await rawSignedRequest({ body: "", contentType: "application/x-www-form-urlencoded", signed: {} }), 400);
  });

  it("stores a body with bytes that are not UTF-8 with replacement characters, once", async () => {
    const from = customerNumber();
    const good = await params({ From: from });
    const encoded = Buffer.concat([Buffer.from(`${new URLSearchParams(without(good, "Body")).toString()}&Body=caf`), Buffer.from([0xe9, 0xff]), Buffer.from("%FE!")]);
    const decoded = { ...without(good, "Body"), Body: "caf\ufffd\ufffd\ufffd!" };
    const response = await inbound(await rawSignedRequest({ body: encoded, contentType: "application/x-www-form-urlencoded", signed: decoded }));
    expect(response.status, await response.text()).toBe(200);
    const stored = await handle.db.select({ body: messages.body }).from(messages).where(eq(messages.twilioSid, good.MessageSid!));
    expect(stored).toEqual([{ body: "caf\ufffd\ufffd\ufffd!" }]);
  });

  it("stores a body with NUL and control characters without failing the database", async () => {
    const sent = await params({ Body: "before\u0000after\u0007\u001b[31m" });
    const response = await inbound(await signedTwilioRequest(PATH, sent));
    expect(response.status, await response.text()).toBe(200);
    const stored = await handle.db.select({ body: messages.body }).from(messages).where(eq(messages.twilioSid, sent.MessageSid!));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.body).toBe("before\ufffdafter\u0007\u001b[31m");
  });

  it("refuses NUL characters in a phone number", async () => {
    await expectRefused(await signedTwilioRequest(PATH, await params({ From: "+1415555\u00000199" })), 400, /From/);
  });

  it("reads numbers Twilio would never send but a proxy might rewrite, and files them under one E.164 customer", async () => {
    const e164 = customerNumber();
    const national = `+1 (${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
    for (const from of [e164, national, ` ${e164} `, `tel:${e164}`]) {
      const response = await inbound(await signedTwilioRequest(PATH, await params({ From: from })));
      expect(response.status, from).toBe(200);
    }
    const found = await handle.db.select({ phone: customers.phoneE164 }).from(customers).where(eq(customers.phoneE164, e164));
    expect(found).toHaveLength(1);
    const threads = await handle.db.select({ id: tickets.id }).from(tickets).innerJoin(customers, eq(customers.id, tickets.customerId)).where(eq(customers.phoneE164, e164));
    expect(threads).toHaveLength(1);
  });

  it("files nothing for a To in an odd format that matches no integration, and answers 200 so Twilio does not retry", async () => {
    for (const to of ["+44 20 7946 0000", "not a number", "+"]) {
      const before = await rowCounts();
      const response = await inbound(await signedTwilioRequest(PATH, await params({ To: to })));
      expect(response.status, to).toBe(200);
      const after = await rowCounts();
      expect({ ...after, events: before.events }, to).toEqual(before);
    }
  });

  it("refuses duplicated parameters signed as Twilio signs them, and reads only the last when signed that way", async () => {
    const first = customerNumber();
    const second = customerNumber();
    const base = await params({ From: first });
    const body = `${new URLSearchParams(base).toString()}&From=${encodeURIComponent(second)}`;
    // Twilio's own helper signs every value of a repeated parameter.
    await expectRefused(
      await rawSignedRequest({ body, contentType: "application/x-www-form-urlencoded", signed: { ...base, From: [first, second] } }),
      403,
    );
    const response = await inbound(await rawSignedRequest({ body, contentType: "application/x-www-form-urlencoded", signed: { ...base, From: second } }));
    expect(response.status).toBe(200);
    const stored = await handle.db.select({ from: messages.fromE164 }).from(messages).where(eq(messages.twilioSid, base.MessageSid!));
    expect(stored).toEqual([{ from: second }]);
  });

  it("stores a repeated MessageSid once", async () => {
    const sent = await params();
    for (let i = 0; i < 3; i++) expect((await inbound(await signedTwilioRequest(PATH, sent))).status).toBe(200);
    expect(await handle.db.select({ n: count() }).from(messages).where(eq(messages.twilioSid, sent.MessageSid!))).toEqual([{ n: 1 }]);
  });

  it("answers status callbacks with missing or odd parameters with a 4xx, changing nothing", async () => {
    const statusPath = "/api/twilio/status";
    const before = await rowCounts();
    const corpus: Record<string, string>[] = [{}, { MessageSid: messageSid() }, { MessageStatus: "delivered" }, { MessageSid: "SM1", MessageStatus: "delivered" }, { MessageSid: messageSid(), MessageStatus: "x".repeat(100) }];
    for (const bad of corpus) {
      const response = await statusCallback(await signedTwilioRequest(statusPath, bad));
      expect(response.status, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
      expect(response.status, JSON.stringify(bad)).toBeLessThan(500);
    }
    // A status for a message the inbox never sent is acknowledged and ignored, whatever it says.
    const odd = await statusCallback(await signedTwilioRequest(statusPath, { MessageSid: messageSid(), MessageStatus: "delivered\u0000" }));
    expect(odd.status).toBeLessThan(300);
    expect(await rowCounts()).toEqual(before);
  });
});
