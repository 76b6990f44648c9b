import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as inbound } from "@/app/api/twilio/sms/route";
import type { DatabaseHandle } from "@/db/client";
import { allowedCountries, customers, events, messages, optOuts, smsIntegrations, tickets } from "@/db/schema";
import { countAuditEntries } from "@/db/queries/audit";
import { testDatabases } from "../support/database";
import { BUSINESS, closeInboundDatabase, openInboundDatabase, postInbound as send, textBusiness as text, ticketsOfCustomer } from "../support/inbound";
import { inboundParams, messageSid, PUBLIC_BASE, signedTwilioRequest } from "../support/twilio";

// Pictures (MMS) have their own suite: inbound-media.test.ts.

beforeAll(() => {
  process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
});

describe.each(testDatabases())("inbound SMS on $name", (database) => {
  let handle: DatabaseHandle;
  let integrationId: string;
  let customerNumber = 0;

  const newCustomer = () => `+1415555${String(2000 + customerNumber++).padStart(4, "0")}`;
  const ticketsOf = (phone: string) => ticketsOfCustomer(handle.db, phone);

  beforeAll(async () => {
    ({ handle, integrationId } = await openInboundDatabase(database));
  });
  afterAll(() => closeInboundDatabase(handle));

  it("files a first message as a new ticket and answers Twilio with empty TwiML", async () => {
    const from = newCustomer();
    const answer = await text(from, "Hi! Is my order shipped?");
    expect(answer).toMatchObject({ status: 200, type: "text/xml; charset=utf-8" });
    expect(answer.text).toContain("<Response/>");
    const found = await ticketsOf(from);
    expect(found).toHaveLength(1);
    const [message] = await handle.db.select().from(messages).where(eq(messages.ticketId, found[0]!.id));
    expect(message).toMatchObject({ direction: "inbound", body: "Hi! Is my order shipped?", status: "received", fromE164: from, toE164: BUSINESS });
    const [customer] = await handle.db.select().from(customers).where(eq(customers.phoneE164, from));
    expect(customer?.country).toBe("US");
    // Stamped like the message, so the timeline shows the ticket created before its first message.
    const timeline = await handle.db.select().from(events).where(eq(events.ticketId, found[0]!.id));
    expect(timeline.map((event) => [event.type, event.createdAt.getTime()])).toEqual([["ticket.created", message!.createdAt.getTime()]]);
  });

  it("routes a text that names a Messaging Service by the number it was sent To, as any other", async () => {
    const from = newCustomer();
    const answer = await text(from, "Sent to the service's number", { MessagingServiceSid: `MG${"5".repeat(32)}` });
    expect(answer).toMatchObject({ status: 200, notAccepted: null });
    const found = await ticketsOf(from);
    expect(found).toHaveLength(1);
    const [ticket] = await handle.db.select({ integrationId: tickets.integrationId }).from(tickets).where(eq(tickets.id, found[0]!.id));
    expect(ticket?.integrationId).toBe(integrationId);
  });

  it("files a second message on the same open ticket", async () => {
    const from = newCustomer();
    await text(from, "first");
    await text(from, "second");
    const found = await ticketsOf(from);
    expect(found).toHaveLength(1);
    const bodies = await handle.db.select({ body: messages.body }).from(messages).where(eq(messages.ticketId, found[0]!.id));
    expect(bodies.map((b) => b.body).sort()).toEqual(["first", "second"]);
  });

  it("normalises the sender's number, whatever format Twilio used", async () => {
    const from = newCustomer();
    await text(from, "one");
    await text(`${from.slice(0, 2)} (${from.slice(2, 5)}) ${from.slice(5, 8)}-${from.slice(8)}`, "two");
    expect(await ticketsOf(from)).toHaveLength(1);
  });

  it("reopens a ticket closed within the reopen window, and opens a new one after it", async () => {
    const from = newCustomer();
    await text(from, "hello");
    const [ticket] = await ticketsOf(from);
    await handle.db.update(tickets).set({ status: "closed", closedAt: new Date(Date.now() - 2 * 86_400_000) }).where(eq(tickets.id, ticket!.id));
    await text(from, "me again");
    expect(await ticketsOf(from)).toEqual([{ id: ticket!.id, status: "open" }]);
    const reopened = await handle.db.select().from(events).where(eq(events.ticketId, ticket!.id));
    expect(reopened.map((e) => e.type)).toContain("ticket.reopened");

    await handle.db.update(tickets).set({ status: "closed", closedAt: new Date(Date.now() - 4 * 86_400_000) }).where(eq(tickets.id, ticket!.id));
    await text(from, "a new question");
    const after = await ticketsOf(from);
    expect(after).toHaveLength(2);
    expect(after.find((t) => t.id !== ticket!.id)?.status).toBe("open");
  });

  it("stores a MessageSid once, however often Twilio delivers it", async () => {
    const from = newCustomer();
    const params = await inboundParams({ From: from, To: BUSINESS, Body: "retry me" });
    const first = await send(params);
    const again = await send(params);
    const concurrent = await Promise.all([send(params), send(params)]);
    for (const answer of [again, ...concurrent]) expect(answer).toEqual(first);
    const stored = await handle.db.select().from(messages).where(eq(messages.twilioSid, params.MessageSid!));
    expect(stored).toHaveLength(1);
  });

  it("makes one ticket of two first messages arriving at the same moment", async () => {
    const from = newCustomer();
    await Promise.all([text(from, "one"), text(from, "two"), text(from, "three")]);
    const found = await ticketsOf(from);
    expect(found).toHaveLength(1);
    const [{ n }] = (await handle.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(eq(messages.ticketId, found[0]!.id))) as [{ n: number }];
    expect(n).toBe(3);
  });

  it("does not receive messages from a country that is not allowed, keeping only an audit entry", async () => {
    const before = await handle.db.select({ n: sql<number>`count(*)::int` }).from(customers);
    const answer = await send(await inboundParams({ From: "+5511987654321", To: BUSINESS, Body: "Olá", FromCountry: "BR" }));
    expect(answer.status).toBe(200);
    // Twilio ignores the header; the sandbox's phone shows the reason.
    expect(answer.notAccepted).toBe("country-not-allowed; country=BR");
    expect(await handle.db.select({ n: sql<number>`count(*)::int` }).from(customers)).toEqual(before);
    const audit = await handle.db.select().from(events).where(eq(events.type, "audit.country_blocked"));
    expect(audit.at(-1)?.data).toMatchObject({ country: "BR" });
    expect(JSON.stringify(audit.at(-1)?.data)).not.toContain("Olá");
  });

  it("takes the customer's country from Twilio's FromCountry, and from the number only when Twilio sends none", async () => {
    // libphonenumber files +44 7911 under Guernsey; Twilio says GB, and the United Kingdom is allowed.
    const answer = await send(await inboundParams({ From: "+447911123456", To: BUSINESS, Body: "Hello from London", FromCountry: "GB" }));
    expect(answer.status).toBe(200);
    const [british] = await handle.db.select().from(customers).where(eq(customers.phoneE164, "+447911123456"));
    expect(british?.country).toBe("GB");
    expect(await ticketsOf("+447911123456")).toHaveLength(1);

    // No FromCountry, or no ISO code in it: the number decides, and Brazil is not allowed.
    for (const FromCountry of ["", "Brazil"]) {
      const params = await inboundParams({ From: "+5511912345678", To: BUSINESS, Body: "Oi", FromCountry });
      expect((await send(params)).status).toBe(200);
      expect(await handle.db.select().from(customers).where(eq(customers.phoneE164, "+5511912345678"))).toEqual([]);
      const audit = await handle.db.select().from(events).where(eq(events.type, "audit.country_blocked"));
      expect(audit.at(-1)?.data).toMatchObject({ country: "BR", messageSid: params.MessageSid });
    }

    // Ofcom's range for drama (01632 960xxx) is no number libphonenumber knows: Twilio's word counts.
    await send(await inboundParams({ From: "+441632960123", To: BUSINESS, Body: "Hello", FromCountry: "GB" }));
    const [unknown] = await handle.db.select().from(customers).where(eq(customers.phoneE164, "+441632960123"));
    expect(unknown?.country).toBe("GB");
  });

  it("receives from Jersey, Guernsey and the Isle of Man, allowed with the United Kingdom", async () => {
    for (const [from, country] of [["+447797123456", "JE"], ["+447781123456", "GG"], ["+447624123456", "IM"]] as const) {
      expect((await send(await inboundParams({ From: from, To: BUSINESS, Body: "Hello from the islands", FromCountry: country }))).status).toBe(200);
      expect(await ticketsOf(from)).toHaveLength(1);
      const [customer] = await handle.db.select().from(customers).where(eq(customers.phoneE164, from));
      expect(customer?.country).toBe(country);
    }
  });

  it("stops receiving from a customer with an open ticket once their country is taken off the list", async () => {
    const from = "+5511987650001";
    await handle.db.insert(allowedCountries).values({ country: "BR" });
    await text(from, "Olá", { FromCountry: "BR" });
    const [ticket] = await ticketsOf(from);
    await handle.db.delete(allowedCountries).where(eq(allowedCountries.country, "BR"));
    await text(from, "still there?", { FromCountry: "BR" });
    const bodies = await handle.db.select({ body: messages.body }).from(messages).where(eq(messages.ticketId, ticket!.id));
    expect(bodies.map((b) => b.body)).toEqual(["Olá"]);
  });

  it("does not receive one-time passcodes, nor store their text", async () => {
    const from = newCustomer();
    await text(from, "Your verification code is 482913");
    await send(await inboundParams({ From: "AMAZON", To: BUSINESS, Body: "Your package is here" }));
    await send(await inboundParams({ From: "72345", To: BUSINESS, Body: "Reply Y to confirm" }));
    expect(await ticketsOf(from)).toHaveLength(0);
    const stored = await handle.db.select().from(messages).where(sql`${messages.body} like '%482913%' or ${messages.body} like '%package is here%'`);
    expect(stored).toHaveLength(0);
    const audit = await handle.db.select().from(events).where(eq(events.type, "audit.otp_blocked"));
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it("writes one audit entry per refused message, however often Twilio retries it, and the audit page counts it once", async () => {
    const before = await countAuditEntries({ db: handle.db, days: 30 });
    const passcode = await inboundParams({ From: newCustomer(), To: BUSINESS, Body: "Your verification code is 551234" });
    const abroad = await inboundParams({ From: "+5511987650002", To: BUSINESS, Body: "Oi", FromCountry: "BR" });
    for (const params of [passcode, abroad]) {
      await send(params);
      await send(params);
      await Promise.all([send(params), send(params)]);
    }
    for (const params of [passcode, abroad]) {
      const entries = await handle.db.select().from(events).where(sql`${events.data}->>'messageSid' = ${params.MessageSid}`);
      expect(entries).toHaveLength(1);
      expect(JSON.stringify(entries[0]!.data)).not.toContain(params.Body);
    }
    const after = await countAuditEntries({ db: handle.db, days: 30 });
    expect((after["audit.otp_blocked"] ?? 0) - (before["audit.otp_blocked"] ?? 0)).toBe(1);
    expect((after["audit.country_blocked"] ?? 0) - (before["audit.country_blocked"] ?? 0)).toBe(1);
  });

  it("records STOP as an opt-out for this business number and START as opting back in", async () => {
    const from = newCustomer();
    await text(from, "hello");
    await text(from, "  Stop. ", { OptOutType: "STOP" });
    const [customer] = await handle.db.select().from(customers).where(eq(customers.phoneE164, from));
    let [state] = await handle.db.select().from(optOuts).where(eq(optOuts.customerId, customer!.id));
    expect(state).toMatchObject({ businessE164: BUSINESS, optedOut: true, keyword: "STOP" });

    await text(from, "START", { OptOutType: "START" });
    [state] = await handle.db.select().from(optOuts).where(eq(optOuts.customerId, customer!.id));
    expect(state).toMatchObject({ optedOut: false, keyword: "START" });
    const [ticket] = await ticketsOf(from);
    const timeline = await handle.db.select().from(events).where(eq(events.ticketId, ticket!.id)).orderBy(events.id);
    expect(timeline.map((e) => e.type)).toEqual(["ticket.created", "customer.opted_out", "customer.opted_in"]);

    await text(from, "HELP");
    [state] = await handle.db.select().from(optOuts).where(eq(optOuts.customerId, customer!.id));
    expect(state?.optedOut).toBe(false);
  });

  it("takes YES as opting back in only from a customer who opted out; otherwise it is just a message", async () => {
    const from = newCustomer();
    await text(from, "Can I change my delivery address?");
    await text(from, "Yes");
    const [customer] = await handle.db.select().from(customers).where(eq(customers.phoneE164, from));
    const [ticket] = await ticketsOf(from);
    const timeline = async () => (await handle.db.select().from(events).where(eq(events.ticketId, ticket!.id)).orderBy(events.id)).map((e) => e.type);
    expect(await handle.db.select().from(optOuts).where(eq(optOuts.customerId, customer!.id))).toEqual([]);
    expect(await timeline()).toEqual(["ticket.created"]);
    const bodies = await handle.db.select({ body: messages.body }).from(messages).where(eq(messages.ticketId, ticket!.id));
    expect(bodies.map((b) => b.body)).toContain("Yes");

    await text(from, "STOP");
    await text(from, "yes!");
    await text(from, "YES");
    expect(await timeline()).toEqual(["ticket.created", "customer.opted_out", "customer.opted_in"]);
    const [state] = await handle.db.select().from(optOuts).where(eq(optOuts.customerId, customer!.id));
    expect(state).toMatchObject({ optedOut: false, keyword: "YES" });
  });

  it("answers but files nothing for a number with no integration, or a deactivated one", async () => {
    const from = newCustomer();
    expect((await send(await inboundParams({ From: from, To: "+14155550199", Body: "anyone?" }))).status).toBe(200);
    await handle.db.update(smsIntegrations).set({ status: "deactivated" }).where(eq(smsIntegrations.id, integrationId));
    expect((await text(from, "hello?")).text).toContain("<Response/>");
    await handle.db.update(smsIntegrations).set({ status: "active" }).where(eq(smsIntegrations.id, integrationId));
    expect(await ticketsOf(from)).toHaveLength(0);
  });

  it("applies every check to a customer who already has an open ticket", async () => {
    const from = newCustomer();
    await text(from, "first");
    const [ticket] = await ticketsOf(from);
    const count = async () => (await handle.db.select({ id: messages.id }).from(messages).where(eq(messages.ticketId, ticket!.id))).length;

    await handle.db.update(smsIntegrations).set({ status: "deactivated" }).where(eq(smsIntegrations.id, integrationId));
    await text(from, "while deactivated");
    await handle.db.update(smsIntegrations).set({ status: "active" }).where(eq(smsIntegrations.id, integrationId));
    await text(from, "Your verification code is 482913");
    expect(await count()).toBe(1);

    await text(from, "second");
    expect(await count()).toBe(2);
    const [row] = await handle.db.select().from(tickets).where(eq(tickets.id, ticket!.id));
    expect(row).toMatchObject({ lastMessagePreview: "second" });
    expect(row!.lastInboundAt).not.toBeNull();
  });

  it("refuses forged, unsigned and re-targeted webhooks with 403 and stores nothing", async () => {
    const from = newCustomer();
    const params = await inboundParams({ From: from, To: BUSINESS, Body: "forged" });
    const tampered = await signedTwilioRequest("/api/twilio/sms", { ...params, Body: "changed" }, { signatureFor: params });
    expect((await inbound(tampered)).status).toBe(403);
    const wrongUrl = await signedTwilioRequest("/api/twilio/sms", params, { url: "https://elsewhere.example/api/twilio/sms" });
    expect((await inbound(wrongUrl)).status).toBe(403);
    const unsigned = new Request("http://localhost/api/twilio/sms", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString(),
    });
    expect((await inbound(unsigned)).status).toBe(403);
    expect(await ticketsOf(from)).toHaveLength(0);
  });

  it("refuses a malformed message with a clear 400 and stores nothing", async () => {
    const from = newCustomer();
    const params = await inboundParams({ From: from, To: BUSINESS, Body: "x", NumMedia: "2", MediaUrl0: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1" });
    const answer = await send(params);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("MediaUrl1 is missing");
    const noSid = await inboundParams({ From: from, To: BUSINESS });
    delete noSid.MessageSid;
    expect((await send(noSid)).status).toBe(400);
    expect(await ticketsOf(from)).toHaveLength(0);
    expect(messageSid()).toMatch(/^SM[0-9a-f]{32}$/);
  });
});
