import { eq } from "drizzle-orm";
import type { Twilio } from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getIntegration, listIntegrations } from "@/db/queries/integrations";
import { events, smsIntegrations, tickets } from "@/db/schema";
import { checkIntegrationHealth, repairSmsIntegration } from "@/lib/integrations/health";
import { describeTicketEvent } from "@/lib/tickets/events";
import { createSmsIntegration, deleteSmsIntegration } from "@/lib/integrations/manage";
import { buyPhoneNumber } from "@/lib/phone-numbers/manage";
import { searchAvailableNumbers } from "@/lib/phone-numbers/search";
import { sendFromHandset } from "@/lib/sandbox/handset";
import { getTwilioClient } from "@/lib/twilio/client";
import { getSandboxCredentials } from "@/lib/twilio/credentials";
import type { AppServer } from "../support/app-server";
import { testDatabases } from "../support/database";
import { closeSandboxApp, openSandboxApp } from "../support/sandbox-app";
import { uniqueHandset } from "../support/fixtures";
import { runJobsUntilIdle } from "../support/jobs";
import { createTicket, createUser } from "../support/records";
import { sandboxFetch, withEnv } from "../support/sandbox";

describe.each(testDatabases())("SMS integrations and what Twilio is told, on $name", (database) => {
  let handle: DatabaseHandle;
  let server: AppServer;
  let twilio: Twilio;
  let adminId: string;

  beforeAll(async () => {
    ({ handle, server } = await openSandboxApp(database, { SANDBOX_STEP_MS: "10" }));
    twilio = await getTwilioClient();
    adminId = (await createUser(handle.db)).id;
  });

  afterAll(() => closeSandboxApp({ handle, server }));

  async function buyUsNumber(areaCode: string) {
    const [offer] = await searchAvailableNumbers({ twilio, search: { country: "US", type: "local", areaCode } });
    return buyPhoneNumber({ db: handle.db, twilio, e164: offer!.e164, type: "local" });
  }

  const readBack = (sid: string) => twilio.incomingPhoneNumbers(sid).fetch();

  it("points the number at this app when created, and clears it when deleted; tickets stay", async () => {
    const number = await buyUsNumber("415");
    const integration = await createSmsIntegration({ db: handle.db, twilio, name: "Support line", phoneNumberId: number.id, actorId: adminId });

    const configured = await readBack(number.twilioSid);
    expect(configured.smsUrl).toBe(`${server.url}/api/twilio/sms`);
    expect(configured.smsMethod).toBe("POST");
    expect(configured.smsFallbackUrl).toBe(`${server.url}/api/twilio/sms?fallback=1`);
    expect(configured.statusCallback).toBe(`${server.url}/api/twilio/status`);
    expect((await listIntegrations({ db: handle.db })).map((row) => row.name)).toContain("Support line");
    expect(await checkIntegrationHealth({ db: handle.db, twilio, integration })).toMatchObject({ state: "healthy" });

    const ticket = await createTicket(handle.db, integration.id);
    await deleteSmsIntegration({ db: handle.db, twilio, id: integration.id, actorId: adminId });
    const cleared = await readBack(number.twilioSid);
    expect([cleared.smsUrl, cleared.smsFallbackUrl, cleared.statusCallback]).toEqual(["", "", ""]);
    expect(await getIntegration({ db: handle.db, id: integration.id })).toBeNull();
    expect(await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id))).toHaveLength(1);
    // Its open tickets say so on their timeline, so agents know why they cannot reply.
    const timeline = await handle.db.select().from(events).where(eq(events.ticketId, ticket.id));
    expect(timeline.map((event) => describeTicketEvent({ ...event, actorName: null }))).toContain(
      "SMS integration “Support line” deleted; its number no longer sends or receives texts here",
    );

    // The number is free again for a new integration.
    await createSmsIntegration({ db: handle.db, twilio, name: "Again", phoneNumberId: number.id, actorId: adminId });
    expect((await readBack(number.twilioSid)).smsUrl).toBe(`${server.url}/api/twilio/sms`);
  });

  it("notices a webhook changed behind its back, says where it points, and repairs it", async () => {
    const number = await buyUsNumber("212");
    const integration = await createSmsIntegration({ db: handle.db, twilio, name: "Shop", phoneNumberId: number.id, actorId: adminId });
    const changed = await sandboxFetch(server.url, `/IncomingPhoneNumbers/${number.twilioSid}.json`, {
      method: "POST",
      form: { SmsUrl: "https://elsewhere.example.com/sms", StatusCallback: "" },
    });
    expect(changed.status).toBe(200);

    const broken = await checkIntegrationHealth({ db: handle.db, twilio, integration });
    expect(broken.state).toBe("misconfigured");
    expect(broken.state === "misconfigured" && broken.problems.map((problem) => problem.message)).toEqual([
      `Customers’ messages go to https://elsewhere.example.com/sms instead of this app (${server.url}/api/twilio/sms).`,
      "Delivery reports are not sent anywhere (StatusCallback is empty).",
    ]);

    expect(await repairSmsIntegration({ db: handle.db, twilio, id: integration.id })).toMatchObject({ state: "healthy" });
    const repaired = await readBack(number.twilioSid);
    expect(repaired.smsUrl).toBe(`${server.url}/api/twilio/sms`);
    expect(repaired.statusCallback).toBe(`${server.url}/api/twilio/status`);

    // PUBLIC_BASE_URL moved: the old URLs no longer reach the app.
    const moved = await withEnv({ PUBLIC_BASE_URL: "https://support.example.com" }, () => checkIntegrationHealth({ db: handle.db, twilio, integration }));
    expect(moved.state === "misconfigured" && moved.problems[0]?.message).toBe(
      `Customers’ messages go to ${server.url}/api/twilio/sms instead of this app (https://support.example.com/api/twilio/sms).`,
    );
  });

  it("detaches a Twilio app attached to the number when repairing, with the update Twilio documents", async () => {
    const number = await buyUsNumber("213");
    const integration = await createSmsIntegration({ db: handle.db, twilio, name: "Apps", phoneNumberId: number.id, actorId: adminId });
    // Someone attached a Twilio app in the console (the sandbox has none): the number reports it until it is detached.
    const { handleSandboxRequest } = await import("@/lib/sandbox/router");
    const { accountSid } = await getSandboxCredentials();
    const numberPath = `/sandbox/twilio/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${number.twilioSid}.json`;
    let attached = true;
    const detachRequests: string[] = [];
    server.route(numberPath, async (request) => {
      if (request.method === "POST") {
        const form = new URLSearchParams(await request.clone().text());
        if (form.has("SmsApplicationSid")) {
          detachRequests.push(form.toString());
          attached = false;
        }
        return handleSandboxRequest(request);
      }
      const response = await handleSandboxRequest(request);
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, sms_application_sid: attached ? `AP${"7".repeat(32)}` : null }, { status: response.status });
    });

    const broken = await checkIntegrationHealth({ db: handle.db, twilio, integration });
    expect(broken.state === "misconfigured" && broken.problems.map((problem) => problem.setting)).toEqual(["SmsApplicationSid"]);
    expect(await repairSmsIntegration({ db: handle.db, twilio, id: integration.id })).toMatchObject({ state: "healthy" });
    expect(detachRequests).toEqual(["SmsApplicationSid="]);
  });

  it("saves nothing when Twilio refuses", async () => {
    const number = await buyUsNumber("312");
    const refused = await withEnv({ PUBLIC_BASE_URL: "ftp://not-a-web-address" }, () =>
      createSmsIntegration({ db: handle.db, twilio, name: "Refused", phoneNumberId: number.id, actorId: adminId }).catch((error: Error) => error),
    );
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/^SMS could not be set up on \+1 312 \d{3} \d{4}: Twilio said: “Invalid SmsUrl: must be an http or https URL” \(error 21502\)\.$/);

    // Released in the Twilio console: Twilio no longer knows the number.
    await twilio.incomingPhoneNumbers(number.twilioSid).remove();
    await expect(createSmsIntegration({ db: handle.db, twilio, name: "Gone", phoneNumberId: number.id, actorId: adminId })).rejects.toThrow(
      "Twilio no longer has this number in your account. It may have been released in the Twilio console.",
    );
    expect(await handle.db.select().from(smsIntegrations).where(eq(smsIntegrations.phoneE164, number.e164))).toEqual([]);
  });

  it("lets one of two admins adding an integration on the same number win, and leaves its set-up intact", async () => {
    const number = await buyUsNumber("206");
    const results = await Promise.allSettled(
      ["First", "Second", "Third"].map((name) => createSmsIntegration({ db: handle.db, twilio, name, phoneNumberId: number.id, actorId: adminId })),
    );
    const won = results.filter((result) => result.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const lost of results.filter((result) => result.status === "rejected")) {
      expect((lost as PromiseRejectedResult).reason.message).toMatch(/^\+1 206 \d{3} \d{4} already has an SMS integration \(“(First|Second|Third)”\)\. Choose another number\.$/);
    }
    const live = await handle.db.select().from(smsIntegrations).where(eq(smsIntegrations.phoneE164, number.e164));
    expect(live).toHaveLength(1);
    const configured = await readBack(number.twilioSid);
    expect(configured.smsUrl).toBe(`${server.url}/api/twilio/sms`);
    expect(configured.statusCallback).toBe(`${server.url}/api/twilio/status`);
  });

  it("refuses numbers that cannot have SMS, and says why", async () => {
    const [ukLocal] = await searchAvailableNumbers({ twilio, search: { country: "GB", type: "local" } });
    expect(ukLocal!.support).toEqual({ sms: false, mms: false, reason: "UK local (geographic) numbers cannot send or receive SMS yet. Use a UK mobile number." });
    const number = await buyPhoneNumber({ db: handle.db, twilio, e164: ukLocal!.e164, type: "local" });
    await expect(createSmsIntegration({ db: handle.db, twilio, name: "UK", phoneNumberId: number.id, actorId: adminId })).rejects.toMatchObject({
      fieldErrors: { phoneNumberId: expect.stringContaining("cannot have SMS. UK local (geographic) numbers cannot send or receive SMS yet.") },
    });
    expect((await readBack(number.twilioSid)).smsUrl).toBe("");
  });

  it("configures URLs whose signed webhooks the app accepts, the fallback's query string included", async () => {
    const number = await buyUsNumber("617");
    await createSmsIntegration({ db: handle.db, twilio, name: "Webhooks", phoneNumberId: number.id, actorId: adminId });
    const real = (await import("@/app/api/twilio/sms/route")).POST;
    // The primary answer fails once, so Twilio tries the fallback URL.
    let failPrimary = false;
    server.route("/api/twilio/sms", (request) => (failPrimary && !new URL(request.url).search ? new Response("down", { status: 500 }) : real(request)));
    server.exchanges.length = 0;

    await sendFromHandset({ from: uniqueHandset(), to: number.e164, body: "Hello", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);
    expect(server.exchanges.filter((exchange) => exchange.path === "/api/twilio/sms").map((exchange) => [exchange.search.toString(), exchange.status])).toEqual([["", 200]]);

    failPrimary = true;
    server.exchanges.length = 0;
    await sendFromHandset({ from: uniqueHandset(), to: number.e164, body: "Hello again", media: [] }, handle.db);
    await runJobsUntilIdle(handle.db);
    const calls = server.exchanges.filter((exchange) => exchange.path === "/api/twilio/sms").map((exchange) => [exchange.search.toString(), exchange.status]);
    expect(calls[0]).toEqual(["", 500]);
    expect(calls).toContainEqual(["fallback=1", 200]);
  });
});
