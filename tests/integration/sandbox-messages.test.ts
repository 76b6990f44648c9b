import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { recordSandboxOptOut } from "@/db/queries/sandbox-opt-outs";
import { messages } from "@/db/schema";
import { lookUpAttempt } from "@/lib/outbound/lookup";
import { setHandsetReachable } from "@/lib/sandbox/carrier";
import { sendSignedRequest } from "@/lib/sandbox/outgoing";
import { setSandboxRegistration } from "@/lib/sandbox/registration";
import { getTwilioClient } from "@/lib/twilio/client";
import { getSandboxCredentials } from "@/lib/twilio/credentials";
import type { AppServer } from "../support/app-server";
import { testDatabases } from "../support/database";
import { closeSandboxApp, openSandboxApp } from "../support/sandbox-app";
import { TINY_PNG, uniqueHandset } from "../support/fixtures";
import { seedTicket } from "../support/inbox-seed";
import { runJobsUntilIdle } from "../support/jobs";
import { sandboxFetch } from "../support/sandbox";

type TwilioFailure = { status: number; code: number; message: string };

async function failureOf(promise: Promise<unknown>): Promise<TwilioFailure> {
  try {
    await promise;
  } catch (error) {
    return error as TwilioFailure;
  }
  throw new Error("expected the call to fail");
}

describe.each(testDatabases())("sandbox messages on $name", (database) => {
  let handle: DatabaseHandle;
  let server: AppServer;
  let business: string;
  let statusUrl: string;

  const callbacksFor = (sid: string) =>
    server.exchanges
      .filter((exchange) => exchange.path === "/api/twilio/status" && new URLSearchParams(exchange.body).get("MessageSid") === sid)
      .map((exchange) => ({ status: exchange.status, params: Object.fromEntries(new URLSearchParams(exchange.body)), headers: exchange.headers }));

  beforeAll(async () => {
    ({ handle, server } = await openSandboxApp(database, { SANDBOX_STEP_MS: "10" }));
    statusUrl = `${server.url}/api/twilio/status`;
    server.route("/media/cat.png", () => new Response(new Uint8Array(TINY_PNG), { headers: { "Content-Type": "image/png" } }));
    server.route("/media/moved", () => new Response(null, { status: 302, headers: { Location: "/media/cat.png" } }));
    server.route("/media/page.html", () => new Response("<html></html>", { headers: { "Content-Type": "text/html" } }));
    server.route("/media/huge.jpg", () => new Response(new Uint8Array(5 * 1024 * 1024 + 1), { headers: { "Content-Type": "image/jpeg" } }));
    const client = await getTwilioClient();
    business = (await client.incomingPhoneNumbers.create({ areaCode: "415" })).phoneNumber;
  });

  beforeEach(() => {
    server.exchanges.length = 0;
  });

  afterAll(() => closeSandboxApp({ handle, server }));

  it("sends an SMS through queued → sending → sent → delivered, with signed callbacks for each step", async () => {
    const client = await getTwilioClient();
    const to = uniqueHandset();
    const sent = await client.messages.create({ to, from: business, body: "Your order shipped", statusCallback: statusUrl });
    expect(sent).toMatchObject({ status: "queued", direction: "outbound-api", from: business, to, numSegments: "1", numMedia: "0", errorCode: null });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);

    await runJobsUntilIdle(handle.db);
    const delivered = await client.messages(sent.sid).fetch();
    expect(delivered.status).toBe("delivered");
    expect(delivered.dateSent).toBeInstanceOf(Date);

    const callbacks = callbacksFor(sent.sid);
    expect(callbacks.map((c) => c.params.MessageStatus)).toEqual(["queued", "sending", "sent", "delivered"]);
    // The app's own webhook route accepted every one: the signatures are right.
    expect(callbacks.map((c) => c.status)).toEqual([200, 200, 200, 200]);
    expect(callbacks[0]!.params).toMatchObject({ MessageSid: sent.sid, SmsStatus: "queued", From: business, To: to, ApiVersion: "2010-04-01" });
    const last = callbacks[3]!.params;
    expect(last).toMatchObject({ MessageSid: sent.sid, SmsSid: sent.sid, SmsStatus: "delivered", From: business, To: to, ApiVersion: "2010-04-01" });
    expect(last.AccountSid).toMatch(/^AC/);
    expect(last.ErrorCode).toBeUndefined();
    expect(callbacks[0]!.headers.get("x-twilio-signature")).toBeTruthy();
  });

  it("moves the app's message forward with each callback, and a late 'queued' does not move it back", async () => {
    const client = await getTwilioClient();
    const { ticket } = await seedTicket(handle.db, { businessE164: business });
    const sent = await client.messages.create({ to: uniqueHandset(), from: business, body: "Your refund is on its way", statusCallback: statusUrl });
    const [row] = await handle.db.insert(messages).values({ ticketId: ticket.id, direction: "outbound", body: "Your refund is on its way", status: "pending", twilioSid: sent.sid }).returning();
    const statusOf = async () => (await handle.db.select().from(messages).where(eq(messages.id, row!.id)))[0]?.status;

    await runJobsUntilIdle(handle.db);
    expect(callbacksFor(sent.sid).map((c) => [c.params.MessageStatus, c.status])).toEqual([["queued", 200], ["sending", 200], ["sent", 200], ["delivered", 200]]);
    expect(await statusOf()).toBe("delivered");

    // Callbacks can arrive out of order: the queued one again, late, as Twilio signs it.
    const queued = callbacksFor(sent.sid)[0]!.params;
    const { authToken } = await getSandboxCredentials();
    expect(await sendSignedRequest({ url: statusUrl, method: "POST", params: queued, authToken, timeoutMs: 5000 })).toMatchObject({ ok: true });
    expect(await statusOf()).toBe("delivered");
  });

  it.each([
    ["0003", "undelivered", 30003],
    ["0005", "failed", 30005],
    ["0006", "undelivered", 30006],
    ["0007", "undelivered", 30007],
  ])("fails sends to a number ending %s as %s with %i, until the phone is made reachable", async (suffix, status, code) => {
    const client = await getTwilioClient();
    const to = `+1206555${suffix}`;
    const failing = await client.messages.create({ to, from: business, body: "Hello?", statusCallback: statusUrl });
    await runJobsUntilIdle(handle.db);
    expect(await client.messages(failing.sid).fetch()).toMatchObject({ status, errorCode: code });
    const final = callbacksFor(failing.sid).at(-1)!;
    expect(final.params).toMatchObject({ MessageStatus: status, ErrorCode: String(code) });
    expect(final.status).toBe(200);

    await setHandsetReachable({ db: handle.db, handset: to, reachable: true });
    const retry = await client.messages.create({ to, from: business, body: "Hello again", statusCallback: statusUrl });
    await runJobsUntilIdle(handle.db);
    expect(await client.messages(retry.sid).fetch()).toMatchObject({ status: "delivered", errorCode: null });
    await setHandsetReachable({ db: handle.db, handset: to, reachable: false });
  });

  it("refuses what Twilio refuses, with Twilio's codes", async () => {
    const client = await getTwilioClient();
    const to = uniqueHandset();
    const ukLocal = (await client.incomingPhoneNumbers.create({ phoneNumber: "+442079460456" })).phoneNumber;
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ to: "+1 123", from: business, body: "x" }, 21211],
      [{ to, from: "+14155550000", body: "x" }, 21606],
      [{ to, from: ukLocal, body: "x" }, 21606],
      [{ to, from: business, body: "" }, 21602],
      [{ to, from: business, body: "x".repeat(1601) }, 21617],
      [{ to: "+525512345678", from: business, body: "x" }, 21408],
      [{ to: "+442079460123", from: business, body: "x" }, 21614],
      [{ to, body: "x" }, 21603],
      [{ to: business, from: business, body: "x" }, 21266],
      [{ to, from: business, mediaUrl: ["ftp://example.com/a.png"] }, 21620],
      [{ to, from: business, mediaUrl: Array.from({ length: 11 }, (_, i) => `${server.url}/media/${i}.png`) }, 21623],
    ];
    for (const [params, code] of cases) {
      const failure = await failureOf(client.messages.create(params as never));
      expect({ params, code: failure.code, status: failure.status }).toEqual({ params, code, status: 400 });
      expect(failure.message.length).toBeGreaterThan(10);
    }
    // The SDK itself insists on To; a hand-made request without it gets Twilio's answer.
    const noTo = await sandboxFetch(server.url, "/Messages.json", { method: "POST", form: { From: business, Body: "x" } });
    expect(noTo.status).toBe(400);
    expect(await noTo.json()).toEqual({ code: 21604, message: "A 'To' phone number is required.", more_info: "https://www.twilio.com/docs/errors/21604", status: 400 });

    await recordSandboxOptOut({ db: handle.db, businessNumber: business, handsetNumber: to });
    expect(await failureOf(client.messages.create({ to, from: business, body: "x" }))).toMatchObject({ status: 400, code: 21610 });
  });

  it("fetches MMS media, stores it, and serves it behind Basic auth and a redirect", async () => {
    const client = await getTwilioClient();
    const to = uniqueHandset();
    const sent = await client.messages.create({
      to,
      from: business,
      body: "Here is your receipt",
      mediaUrl: [`${server.url}/media/cat.png`, `${server.url}/media/moved`],
      statusCallback: statusUrl,
    });
    expect(sent.sid).toMatch(/^MM/);
    expect(sent.numMedia).toBe("2");
    await runJobsUntilIdle(handle.db);
    expect((await client.messages(sent.sid).fetch()).status).toBe("delivered");

    const media = await client.messages(sent.sid).media.list();
    expect(media.map((m) => m.contentType)).toEqual(["image/png", "image/png"]);
    expect(media[0]!.sid).toMatch(/^ME[0-9a-f]{32}$/);
    expect((await client.messages(sent.sid).media(media[0]!.sid).fetch()).parentSid).toBe(sent.sid);

    const contentPath = `/Messages/${sent.sid}/Media/${media[0]!.sid}`;
    expect((await sandboxFetch(server.url, contentPath, { headers: { authorization: "" } })).status).toBe(401);
    const redirect = await sandboxFetch(server.url, contentPath);
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get("location")!, server.url);
    const content = await fetch(location);
    expect(content.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await content.arrayBuffer()).equals(TINY_PNG)).toBe(true);
    location.searchParams.set("Signature", "forged");
    expect((await fetch(location)).status).toBe(403);
    const followed = await sandboxFetch(server.url, contentPath, { redirect: "follow" });
    expect(Buffer.from(await followed.arrayBuffer()).equals(TINY_PNG)).toBe(true);

    await client.messages(sent.sid).media(media[0]!.sid).remove();
    expect((await client.messages(sent.sid).media.list()).map((m) => m.sid)).toEqual([media[1]!.sid]);
  });

  it.each([
    ["page.html", 12300],
    ["missing.png", 11200],
    ["huge.jpg", 30019],
  ])("fails an MMS whose media %s cannot be used, with %i", async (file, code) => {
    const client = await getTwilioClient();
    const sent = await client.messages.create({ to: uniqueHandset(), from: business, mediaUrl: [`${server.url}/media/${file}`], statusCallback: statusUrl });
    await runJobsUntilIdle(handle.db);
    expect(await client.messages(sent.sid).fetch()).toMatchObject({ status: "failed", errorCode: code });
    expect(callbacksFor(sent.sid).at(-1)?.params).toMatchObject({ MessageStatus: "failed", ErrorCode: String(code) });
  });

  it("lists with filters and deletes only finished messages", async () => {
    const client = await getTwilioClient();
    const to = uniqueHandset();
    const first = await client.messages.create({ to, from: business, body: "one" });
    expect(await failureOf(client.messages(first.sid).remove())).toMatchObject({ code: 20009 });
    await client.messages.create({ to, from: business, body: "two" });
    await runJobsUntilIdle(handle.db);

    const toHandset = await client.messages.list({ to });
    expect(toHandset.map((m) => m.body)).toEqual(["two", "one"]);
    expect((await client.messages.list({ to, pageSize: 1 })).map((m) => m.body)).toEqual(["two", "one"]);
    expect(await client.messages.list({ to, dateSent: new Date(Date.now() + 3 * 86_400_000) })).toEqual([]);
    expect((await client.messages.list({ to, dateSent: new Date() })).length).toBe(2);
    expect((await client.messages.list({ from: business, to })).length).toBe(2);

    await client.messages(first.sid).remove();
    expect(await failureOf(client.messages(first.sid).fetch())).toMatchObject({ status: 404, code: 20404 });
    expect((await client.messages.list({ to })).map((m) => m.body)).toEqual(["two"]);
  });

  it("lets the send path find a message Twilio made but never confirmed, while it is still queued", async () => {
    const client = await getTwilioClient();
    const to = uniqueHandset();
    const since = new Date();
    const sent = await client.messages.create({ to, from: business, body: "Did this one go out?" });
    const lookUp = (body: string, mediaCount = 0) => lookUpAttempt({ client, db: handle.db, message: { fromE164: business, toE164: to, body }, mediaCount, since });
    // Still queued: no date_sent yet, so only From, To and the time it was made can find it.
    expect(await lookUp("Did this one go out?")).toMatchObject({ kind: "created", sid: sent.sid, status: "queued" });
    expect(await lookUp("Something else")).toEqual({ kind: "none" });
    expect(await lookUp("Did this one go out?", 1)).toEqual({ kind: "none" });
    await runJobsUntilIdle(handle.db);
    expect(await lookUp("Did this one go out?")).toMatchObject({ kind: "created", sid: sent.sid, status: "delivered" });
  });

  it("sends from a number of the Messaging Service when only the service is named, and refuses a service the account does not have", async () => {
    const client = await getTwilioClient();
    // Another number of the account, outside the service, is never picked.
    await client.incomingPhoneNumbers.create({ areaCode: "512" });
    await setSandboxRegistration({ db: handle.db, phoneNumber: business, registration: "pending" });
    const [service] = await client.messaging.v1.services.list();
    const messagingServiceSid = service!.sid;
    for (let i = 0; i < 3; i++) {
      const sent = await client.messages.create({ to: uniqueHandset(), messagingServiceSid, body: "via service" });
      expect(sent.from).toBe(business);
      expect(sent.messagingServiceSid).toBe(messagingServiceSid);
    }
    await expect(client.messages.create({ to: uniqueHandset(), messagingServiceSid: `MG${"a".repeat(32)}`, body: "via service" })).rejects.toMatchObject({ code: 21701 });

    // After a lost answer, the send is found by To and the service, whichever number it left from.
    const to = uniqueHandset();
    const since = new Date();
    const sent = await client.messages.create({ to, messagingServiceSid, body: "Did the service send it?" });
    const lookUp = (serviceSid: string | null) =>
      lookUpAttempt({ client, db: handle.db, message: { fromE164: "+15125550199", toE164: to, body: "Did the service send it?" }, mediaCount: 0, messagingServiceSid: serviceSid, since });
    expect(await lookUp(messagingServiceSid)).toMatchObject({ kind: "created", sid: sent.sid });
    expect(await lookUp(`MG${"b".repeat(32)}`)).toEqual({ kind: "none" });
  });
});
