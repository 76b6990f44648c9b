import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages } from "@/db/schema";
import { queueOutboundMessage } from "@/lib/outbound/queue";
import { setSandboxRegistration } from "@/lib/sandbox/registration";
import { setUsCarrierRules } from "@/lib/sandbox/us-carriers";
import { getTwilioClient } from "@/lib/twilio/client";
import { describeTwilioError } from "@/lib/twilio/error-codes";
import type { AppServer } from "../support/app-server";
import { testDatabases } from "../support/database";
import { uniqueHandset } from "../support/fixtures";
import { seedAgent, seedTicket } from "../support/inbox-seed";
import { runJobsUntilIdle } from "../support/jobs";
import { closeSandboxApp, openSandboxApp } from "../support/sandbox-app";

// US carriers refuse texts from numbers not registered with them: 30034 from a 10-digit number
// without an approved A2P 10DLC campaign, 30032 from a toll-free number without an approved verification.
describe.each(testDatabases())("the sandbox's carrier applies US carriers' rules on $name", (database) => {
  let handle: DatabaseHandle;
  let server: AppServer;
  let longCode: string;
  let tollFree: string;
  let statusUrl: string;

  const finalCallback = (sid: string) =>
    server.exchanges
      .filter((exchange) => exchange.path === "/api/twilio/status" && new URLSearchParams(exchange.body).get("MessageSid") === sid)
      .map((exchange) => ({ status: exchange.status, params: Object.fromEntries(new URLSearchParams(exchange.body)) }))
      .at(-1);

  /** Sends from `from` to `to` through the sandbox's REST API and lets the carrier finish. */
  async function send(from: string, to: string) {
    const client = await getTwilioClient();
    const sent = await client.messages.create({ from, to, body: "Your order shipped", statusCallback: statusUrl });
    await runJobsUntilIdle(handle.db);
    return { message: await client.messages(sent.sid).fetch(), callback: finalCallback(sent.sid) };
  }

  beforeAll(async () => {
    ({ handle, server } = await openSandboxApp(database, { SANDBOX_STEP_MS: "10" }));
    statusUrl = `${server.url}/api/twilio/status`;
    const client = await getTwilioClient();
    longCode = (await client.incomingPhoneNumbers.create({ areaCode: "737" })).phoneNumber;
    const [offered] = await client.availablePhoneNumbers("US").tollFree.list({ limit: 1 });
    tollFree = (await client.incomingPhoneNumbers.create({ phoneNumber: offered!.phoneNumber })).phoneNumber;
  });

  beforeEach(async () => {
    server.exchanges.length = 0;
    await setUsCarrierRules({ db: handle.db, on: true });
  });

  afterAll(() => closeSandboxApp({ handle, server }));

  it("fails a text to a US phone from a 10-digit number with no approved campaign with 30034, and reports it to the status callback", async () => {
    for (const registration of ["unregistered", "pending", "rejected"] as const) {
      await setSandboxRegistration({ db: handle.db, phoneNumber: longCode, registration });
      const { message, callback } = await send(longCode, uniqueHandset());
      expect(message, registration).toMatchObject({ status: "undelivered", errorCode: 30034, errorMessage: "Message from an Unregistered Number" });
      expect(callback).toMatchObject({ status: 200, params: { MessageStatus: "undelivered", SmsStatus: "undelivered", ErrorCode: "30034", From: longCode } });
    }
    // Outside the US, A2P 10DLC does not apply.
    await setSandboxRegistration({ db: handle.db, phoneNumber: longCode, registration: "unregistered" });
    expect((await send(longCode, uniqueHandset("+44740"))).message).toMatchObject({ status: "delivered", errorCode: null });

    await setSandboxRegistration({ db: handle.db, phoneNumber: longCode, registration: "registered" });
    expect((await send(longCode, uniqueHandset())).message).toMatchObject({ status: "delivered", errorCode: null });
  });

  it("fails a text to a US or Canadian phone from an unverified toll-free number with 30032, until the verification is approved", async () => {
    for (const [registration, to] of [
      ["unregistered", uniqueHandset()],
      ["pending", uniqueHandset("+1416")],
      ["rejected", uniqueHandset()],
    ] as const) {
      await setSandboxRegistration({ db: handle.db, phoneNumber: tollFree, registration });
      const { message, callback } = await send(tollFree, to);
      expect(message, registration).toMatchObject({ status: "undelivered", errorCode: 30032, errorMessage: "Toll-Free Number Has Not Been Verified" });
      expect(callback).toMatchObject({ status: 200, params: { MessageStatus: "undelivered", ErrorCode: "30032", From: tollFree } });
    }
    await setSandboxRegistration({ db: handle.db, phoneNumber: tollFree, registration: "registered" });
    expect((await send(tollFree, uniqueHandset())).message).toMatchObject({ status: "delivered", errorCode: null });
  });

  it("delivers texts from unregistered numbers while US carriers' rules are off", async () => {
    await setUsCarrierRules({ db: handle.db, on: false });
    await setSandboxRegistration({ db: handle.db, phoneNumber: longCode, registration: "unregistered" });
    await setSandboxRegistration({ db: handle.db, phoneNumber: tollFree, registration: "unregistered" });
    expect((await send(longCode, uniqueHandset())).message.status).toBe("delivered");
    expect((await send(tollFree, uniqueHandset())).message.status).toBe("delivered");
  });

  it("marks an agent's reply from an unregistered number undelivered, with the reason in words", async () => {
    await setSandboxRegistration({ db: handle.db, phoneNumber: longCode, registration: "unregistered" });
    const { ticket } = await seedTicket(handle.db, { businessE164: longCode, customerE164: uniqueHandset() });
    const agent = await seedAgent(handle.db);
    const queued = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "We shipped it today", authorId: agent.id });
    await runJobsUntilIdle(handle.db);
    const [stored] = await handle.db.select().from(messages).where(eq(messages.id, queued.id));
    expect(stored).toMatchObject({ status: "undelivered", errorCode: 30034 });
    expect(describeTwilioError(stored!.errorCode)).toBe("This number is not registered for business texting (A2P 10DLC), so carriers block it.");
  });
});
