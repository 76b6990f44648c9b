import { eq, sql } from "drizzle-orm";
import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getSandboxMessage, listSandboxConversation } from "@/db/queries/sandbox-messages";
import { customers, events, messages, smsIntegrations, tickets } from "@/db/schema";
import { sendFromHandset } from "@/lib/sandbox/handset";
import { loadSimulatorState } from "@/lib/sandbox/simulator";
import { NO_WEBHOOK } from "@/lib/sandbox/webhooks";
import { getTwilioClient } from "@/lib/twilio/client";
import { getSandboxCredentials } from "@/lib/twilio/credentials";
import type { AppServer, Exchange } from "../support/app-server";
import { testDatabases } from "../support/database";
import { closeSandboxApp, openSandboxApp } from "../support/sandbox-app";
import { TINY_PDF, TINY_PNG, uniqueHandset } from "../support/fixtures";
import { runJobsUntilIdle } from "../support/jobs";

describe.each(testDatabases())("texting from a sandbox handset on $name", (database) => {
  let handle: DatabaseHandle;
  let server: AppServer;
  let business: string;

  const webhooksTo = (path: string): Exchange[] => server.exchanges.filter((exchange) => exchange.path === path);
  const paramsOf = (exchange: Exchange | undefined) => Object.fromEntries(new URLSearchParams(exchange?.body ?? ""));

  async function buy(config: Record<string, string>): Promise<string> {
    const client = await getTwilioClient();
    return (await client.incomingPhoneNumbers.create({ areaCode: "415", ...config })).phoneNumber;
  }

  beforeAll(async () => {
    ({ handle, server } = await openSandboxApp(database, { SANDBOX_STEP_MS: "10" }));
    business = await buy({ smsUrl: `${server.url}/api/twilio/sms` });
  });

  beforeEach(() => {
    server.exchanges.length = 0;
  });

  afterAll(() => closeSandboxApp({ handle, server }));

  it("delivers a text as Twilio's signed webhook, which /api/twilio/sms accepts and a forgery does not pass", async () => {
    const from = "+1 (206) 555-0142";
    const message = await sendFromHandset({ from, to: business, body: "Where is my order?", media: [] }, handle.db);
    expect(message.status).toBe("receiving");
    await runJobsUntilIdle(handle.db);

    const [delivery] = webhooksTo("/api/twilio/sms");
    expect(delivery?.status).toBe(200);
    expect(delivery?.responseType).toContain("text/xml");
    expect(delivery?.headers.get("content-type")).toContain("application/x-www-form-urlencoded");
    const params = paramsOf(delivery);
    const { accountSid } = await getSandboxCredentials();
    expect(params).toEqual({
      MessageSid: message.sid,
      SmsSid: message.sid,
      SmsMessageSid: message.sid,
      AccountSid: accountSid,
      From: "+12065550142",
      To: business,
      Body: "Where is my order?",
      NumMedia: "0",
      NumSegments: "1",
      SmsStatus: "received",
      ApiVersion: "2010-04-01",
      FromCountry: "US",
      FromState: "WA",
      FromCity: "SEATTLE",
      FromZip: "98101",
      ToCountry: "US",
      ToState: "CA",
      ToCity: "SAN FRANCISCO",
      ToZip: "94105",
    });
    expect((await getSandboxMessage({ db: handle.db, sid: message.sid }))?.status).toBe("received");

    // The same webhook, changed by anyone without the auth token, is refused before anything else.
    const tampered = new URLSearchParams({ ...params, Body: "Refund me twice" }).toString();
    const forged = await fetch(`${server.url}/api/twilio/sms`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": delivery!.headers.get("x-twilio-signature")! },
      body: tampered,
    });
    expect(forged.status).toBe(403);
    const unsigned = await fetch(`${server.url}/api/twilio/sms`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: delivery!.body });
    expect(unsigned.status).toBe(403);
  });

  it("sends pictures and any other file as MMS media the app can download with Basic auth", async () => {
    const from = uniqueHandset();
    const message = await sendFromHandset(
      {
        from,
        to: business,
        body: "",
        media: [
          { contentType: "image/png", fileName: "photo.png", data: TINY_PNG },
          { contentType: "", fileName: "invoice.pdf", data: TINY_PDF },
        ],
      },
      handle.db,
    );
    expect(message.sid).toMatch(/^MM/);
    await runJobsUntilIdle(handle.db);
    const params = paramsOf(webhooksTo("/api/twilio/sms")[0]);
    expect(params).toMatchObject({ NumMedia: "2", MediaContentType0: "image/png", MediaContentType1: "application/pdf", Body: "" });
    expect(params.MediaUrl0).toMatch(new RegExp(`^${server.url}/sandbox/twilio/2010-04-01/Accounts/AC[0-9a-f]{32}/Messages/${message.sid}/Media/ME[0-9a-f]{32}$`));

    const { accountSid, authToken } = await getSandboxCredentials();
    const auth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
    expect((await fetch(params.MediaUrl0!, { redirect: "manual" })).status).toBe(401);
    const download = await fetch(params.MediaUrl0!, { headers: { authorization: auth } });
    expect(Buffer.from(await download.arrayBuffer()).equals(TINY_PNG)).toBe(true);
    const pdf = await fetch(params.MediaUrl1!, { headers: { authorization: auth } });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain("attachment");
  });

  it("blocks replies after STOP with 21610, forwards the keywords with OptOutType, and lifts the block on START", async () => {
    const client = await getTwilioClient();
    const from = uniqueHandset();
    await sendFromHandset({ from, to: business, body: "Stop", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);
    expect(paramsOf(webhooksTo("/api/twilio/sms").at(-1))).toMatchObject({ Body: "Stop", OptOutType: "STOP" });
    const blocked = await client.messages.create({ to: from, from: business, body: "Sorry to see you go" }).catch((error: { code: number }) => error);
    expect(blocked).toMatchObject({ code: 21610, status: 400 });
    const phone = await listSandboxConversation({ db: handle.db, handset: from, business, limit: 10 });
    expect(phone.map((m) => [m.direction, m.body.slice(0, 40)])).toEqual([
      ["inbound", "Stop"],
      ["outbound-reply", "You have successfully been unsubscribed."],
    ]);

    // Twilio does not promise the order of two webhooks in flight together; one at a time here.
    await sendFromHandset({ from, to: business, body: "HELP", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);
    await sendFromHandset({ from, to: business, body: "start", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);
    expect(webhooksTo("/api/twilio/sms").slice(-2).map((e) => paramsOf(e).OptOutType)).toEqual(["HELP", "START"]);
    const allowed = await client.messages.create({ to: from, from: business, body: "Welcome back", statusCallback: `${server.url}/api/twilio/status` });
    await runJobsUntilIdle(handle.db);
    expect((await client.messages(allowed.sid).fetch()).status).toBe("delivered");
    const callbacks = webhooksTo("/api/twilio/status").map((e) => [paramsOf(e).MessageStatus, e.status]);
    expect(callbacks).toEqual([
      ["queued", 200],
      ["sending", 200],
      ["sent", 200],
      ["delivered", 200],
    ]);
    expect(paramsOf(webhooksTo("/api/twilio/sms").at(-1)).OptOutType).toBe("START");
  });

  it("retries once, then uses the fallback URL, and records what went wrong", async () => {
    let brokenCalls = 0;
    server.route("/broken", () => {
      brokenCalls += 1;
      return new Response("boom", { status: 500, statusText: "Internal Server Error" });
    });
    server.route("/fallback", () => new Response("<Response/>", { headers: { "Content-Type": "text/xml" } }));
    const failing = await buy({ smsUrl: `${server.url}/broken` });
    const lost = await sendFromHandset({ from: uniqueHandset(), to: failing, body: "hello?", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);
    expect(brokenCalls).toBe(2);
    expect(await getSandboxMessage({ db: handle.db, sid: lost.sid })).toMatchObject({
      status: "received",
      webhookError: "The app's SMS webhook answered 500 Internal Server Error, twice. The message did not reach the app.",
    });

    const rescued = await buy({ smsUrl: `${server.url}/broken`, smsFallbackUrl: `${server.url}/fallback` });
    const saved = await sendFromHandset({ from: uniqueHandset(), to: rescued, body: "hello again", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);
    expect(brokenCalls).toBe(4);
    expect(paramsOf(webhooksTo("/fallback")[0]).MessageSid).toBe(saved.sid);
    expect((await getSandboxMessage({ db: handle.db, sid: saved.sid }))?.webhookError).toBeNull();

    const silent = await buy({});
    const unheard = await sendFromHandset({ from: uniqueHandset(), to: silent, body: "anyone?", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);
    expect((await getSandboxMessage({ db: handle.db, sid: unheard.sid }))?.webhookError).toBe(NO_WEBHOOK);
  });

  it("gives up on an app that does not answer in time", async () => {
    process.env.SANDBOX_WEBHOOK_TIMEOUT_MS = "150";
    try {
      server.route("/slow", () => new Promise<Response>((resolve) => setTimeout(() => resolve(new Response("late")), 600)));
      const slow = await buy({ smsUrl: `${server.url}/slow` });
      const message = await sendFromHandset({ from: uniqueHandset(), to: slow, body: "tick tock", media: [] }, handle.db);
      await runJobsUntilIdle(handle.db);
      expect((await getSandboxMessage({ db: handle.db, sid: message.sid }))?.webhookError).toBe(
        "The app's SMS webhook did not answer within 150 ms, twice. The message did not reach the app.",
      );
    } finally {
      delete process.env.SANDBOX_WEBHOOK_TIMEOUT_MS;
    }
  });

  it("sends a TwiML <Message> answer back to the phone, and signs GET webhooks over the query", async () => {
    let seen: { url: string; signature: string | null } | null = null;
    server.route("/twiml", (request) => {
      seen = { url: request.url, signature: request.headers.get("x-twilio-signature") };
      return new Response("<?xml version='1.0'?><Response><Message>Thanks &amp; see you soon</Message></Response>", {
        headers: { "Content-Type": "text/xml" },
      });
    });
    const replying = await buy({ smsUrl: `${server.url}/twiml`, smsMethod: "GET" });
    const from = uniqueHandset();
    await sendFromHandset({ from, to: replying, body: "hi", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);
    const { authToken } = await getSandboxCredentials();
    expect(seen).not.toBeNull();
    expect(twilio.validateRequest(authToken, seen!.signature!, seen!.url, {})).toBe(true);
    expect(new URL(seen!.url).searchParams.get("Body")).toBe("hi");
    const phone = await listSandboxConversation({ db: handle.db, handset: from, business: replying, limit: 10 });
    expect(phone.map((m) => [m.direction, m.body, m.status])).toEqual([
      ["inbound", "hi", "received"],
      ["outbound-reply", "Thanks & see you soon", "delivered"],
    ]);
  });

  it("refuses, in words for people, what a phone could not send", async () => {
    const ukMobile = (await (await getTwilioClient()).incomingPhoneNumbers.create({ phoneNumber: "+447400654321" })).phoneNumber;
    const ukLocal = (await (await getTwilioClient()).incomingPhoneNumbers.create({ phoneNumber: "+442079460789" })).phoneNumber;
    const send = (text: Partial<Parameters<typeof sendFromHandset>[0]>) =>
      sendFromHandset({ from: uniqueHandset(), to: business, body: "hi", media: [], ...text }, handle.db).catch((error: Error) => error.message);
    expect(await send({ from: "12" })).toContain("is not a phone number");
    expect(await send({ to: "+14155550000" })).toBe("That business number is not in the sandbox. Buy one under Settings → Phone numbers.");
    expect(await send({ to: ukLocal })).toContain("is a voice-only number");
    expect(await send({ to: ukMobile, media: [{ contentType: "image/png", fileName: "a.png", data: TINY_PNG }] })).toContain("cannot receive MMS");
    expect(await send({ from: "AMAZON!" })).toContain("is not a phone number");
    expect(await send({ media: Array.from({ length: 11 }, () => ({ contentType: "image/png", fileName: "a.png", data: TINY_PNG })) })).toContain("at most 10");
    expect(await send({ media: [{ contentType: "image/jpeg", fileName: "big.jpg", data: Buffer.alloc(5 * 1024 * 1024 + 1) }] })).toContain("over 5 MB");
  });

  it("texts from a short code or a sender ID as Twilio would, and the app refuses both as passcode senders", async () => {
    const desk = await buy({ smsUrl: `${server.url}/api/twilio/sms` });
    await handle.db.insert(smsIntegrations).values({ name: "Passcode desk", phoneE164: desk });
    const shortCode = await sendFromHandset({ from: "12345", to: desk, body: "Your code is 482913", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);
    const senderId = await sendFromHandset({ from: " AMAZON ", to: desk, body: "Your package is here", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);

    const [first, second] = webhooksTo("/api/twilio/sms");
    expect([first?.status, second?.status]).toEqual([200, 200]);
    const place = { FromCountry: "US", FromState: "", FromCity: "", FromZip: "", ToCountry: "US" };
    expect(paramsOf(first)).toMatchObject({ MessageSid: shortCode.sid, From: "12345", To: desk, Body: "Your code is 482913", ...place });
    expect(paramsOf(second)).toMatchObject({ MessageSid: senderId.sid, From: "AMAZON", To: desk, Body: "Your package is here", ...place });
    // The app answered 200 (Twilio must not retry), and the phone shows why the inbox did not take them.
    expect(await getSandboxMessage({ db: handle.db, sid: shortCode.sid })).toMatchObject({
      status: "received",
      webhookError: "Not accepted by the inbox: it comes from a short code, which cannot be answered",
    });
    expect(await getSandboxMessage({ db: handle.db, sid: senderId.sid })).toMatchObject({
      status: "received",
      webhookError: "Not accepted by the inbox: it comes from a sender name, not a phone number, which cannot be answered",
    });

    // No customer, no ticket, no text kept; one audit entry each.
    expect(await handle.db.select().from(customers).where(sql`${customers.phoneE164} in ('12345', 'AMAZON')`)).toEqual([]);
    expect(await handle.db.select().from(messages).where(sql`${messages.body} in ('Your code is 482913', 'Your package is here')`)).toEqual([]);
    for (const sid of [shortCode.sid, senderId.sid]) {
      const audit = await handle.db.select().from(events).where(sql`${events.data}->>'messageSid' = ${sid}`);
      expect(audit.map((entry) => entry.type)).toEqual(["audit.otp_blocked"]);
    }
  });

  it("shows a text from a country the inbox does not allow, or a passcode, as not accepted, with the reason", async () => {
    const desk = await buy({ smsUrl: `${server.url}/api/twilio/sms` });
    await handle.db.insert(smsIntegrations).values({ name: "Refusing desk", phoneE164: desk });
    const russia = await sendFromHandset({ from: "+7 912 345-67-89", to: desk, body: "Hello from Moscow", media: [] }, handle.db);
    const passcode = await sendFromHandset({ from: uniqueHandset(), to: desk, body: "Your verification code is 482913", media: [] }, handle.db);
    const welcome = await sendFromHandset({ from: uniqueHandset(), to: desk, body: "Is the shop open today?", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);

    const answers = webhooksTo("/api/twilio/sms");
    expect(answers.map((exchange) => exchange.status)).toEqual([200, 200, 200]);
    expect(await getSandboxMessage({ db: handle.db, sid: russia.sid })).toMatchObject({ status: "received", webhookError: "Not accepted by the inbox: country not allowed (Russia)" });
    expect(await getSandboxMessage({ db: handle.db, sid: passcode.sid })).toMatchObject({
      status: "received",
      webhookError: "Not accepted by the inbox: it looks like a one-time passcode, which the inbox does not receive",
    });
    expect(await getSandboxMessage({ db: handle.db, sid: welcome.sid })).toMatchObject({ status: "received", webhookError: null });
    const handsets = await loadSimulatorState({ db: handle.db, handset: "+79123456789", business: desk });
    expect(handsets.messages.map((message) => message.webhookError)).toEqual(["Not accepted by the inbox: country not allowed (Russia)"]);
  });

  it("sends an empty text, which lands on the customer's ticket", async () => {
    const desk = await buy({ smsUrl: `${server.url}/api/twilio/sms` });
    await handle.db.insert(smsIntegrations).values({ name: "Empty desk", phoneE164: desk });
    const from = uniqueHandset();
    const empty = await sendFromHandset({ from, to: desk, body: "", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);
    expect(paramsOf(webhooksTo("/api/twilio/sms")[0])).toMatchObject({ MessageSid: empty.sid, From: from, Body: "", NumMedia: "0" });
    const filed = await handle.db
      .select({ body: messages.body, ticketId: messages.ticketId })
      .from(messages)
      .innerJoin(tickets, eq(tickets.id, messages.ticketId))
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(eq(customers.phoneE164, from));
    expect(filed).toEqual([{ body: "", ticketId: expect.any(String) as string }]);
  });

  it("shows the phone simulator each conversation as the phone sees it, pictures included", async () => {
    const client = await getTwilioClient();
    const from = uniqueHandset();
    await sendFromHandset({ from, to: business, body: "Photo of the box", media: [{ contentType: "image/png", fileName: "box.png", data: TINY_PNG }] }, handle.db);
    await runJobsUntilIdle(handle.db);
    await client.messages.create({ to: from, from: business, body: "Thanks, refund on its way" });
    await runJobsUntilIdle(handle.db);

    const state = await loadSimulatorState({ db: handle.db, handset: from, business });
    expect(state.handsets[0]).toBe(from);
    expect(state.numbers.map((n) => n.phoneNumber)).toContain(business);
    expect(state.handset).toMatchObject({ phoneNumber: from, flag: "🇺🇸", countryName: "United States", reachable: false, failure: null });
    expect(state.messages.map((m) => [m.side, m.body, m.status])).toEqual([
      ["sent", "Photo of the box", "received"],
      ["received", "Thanks, refund on its way", "delivered"],
    ]);
    const picture = state.messages[0]!.media[0]!;
    expect(picture).toMatchObject({ contentType: "image/png", fileName: "box.png" });
    const content = await fetch(`${server.url}${picture.url}`);
    expect(Buffer.from(await content.arrayBuffer()).equals(TINY_PNG)).toBe(true);

    const failing = await loadSimulatorState({ db: handle.db, handset: "+12065550003", business });
    expect(failing.handset?.failure).toEqual({ code: 30003, message: "Unreachable destination handset" });
    expect(failing.messages).toEqual([]);
  });
});
