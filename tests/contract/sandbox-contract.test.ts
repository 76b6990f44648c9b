import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { lookUpAttempt } from "@/lib/outbound/lookup";
import { setSandboxRegistration } from "@/lib/sandbox/registration";
import { getTwilioClient } from "@/lib/twilio/client";
import { getSandboxCredentials } from "@/lib/twilio/credentials";
import { startAppServer, type AppServer } from "../support/app-server";
import { testDatabases, useDatabase } from "../support/database";
import { TINY_PNG, uniqueHandset } from "../support/fixtures";
import { runJobsUntilIdle } from "../support/jobs";
import { findOperation } from "./openapi";
import { api, sandboxApiCalls, sandboxContractProblems } from "./exchanges";

describe("the sandbox against Twilio's OpenAPI description", () => {
  let handle: DatabaseHandle;
  let server: AppServer;

  beforeAll(async () => {
    delete process.env.TWILIO_ACCOUNT_SID;
    delete process.env.TWILIO_AUTH_TOKEN;
    process.env.SANDBOX_STEP_MS = "10";
    handle = await testDatabases()[0]!.open();
    useDatabase(handle);
    server = await startAppServer();
    server.route("/media/cat.png", () => new Response(new Uint8Array(TINY_PNG), { headers: { "Content-Type": "image/png" } }));
  });

  afterAll(async () => {
    await server.close();
    await handle.close();
  });

  it("answers every request the real SDK makes (buy and configure a number, send SMS and MMS, list media) as the spec says", async () => {
    const client = await getTwilioClient();
    const smsUrl = `${server.url}/api/twilio/sms`;
    const statusCallback = `${server.url}/api/twilio/status`;

    // Buy and configure a number, as Settings → Phone numbers does.
    await client.availablePhoneNumbers.list();
    await client.availablePhoneNumbers("GB").fetch();
    const [offer] = await client.availablePhoneNumbers("US").local.list({ areaCode: 415, smsEnabled: true, mmsEnabled: true, limit: 3 });
    const [ukMobile] = await client.availablePhoneNumbers("GB").mobile.list({ smsEnabled: true, limit: 2 });
    await client.availablePhoneNumbers("US").tollFree.list({ contains: "8**", voiceEnabled: true, limit: 2 });
    const number = await client.incomingPhoneNumbers.create({ phoneNumber: offer!.phoneNumber, smsUrl, smsMethod: "POST", friendlyName: "Support" });
    await client.incomingPhoneNumbers(number.sid).update({
      smsUrl,
      smsMethod: "POST",
      smsFallbackUrl: `${server.url}/fallback`,
      smsFallbackMethod: "POST",
      statusCallback,
      statusCallbackMethod: "POST",
      friendlyName: "Support line",
    });
    await client.incomingPhoneNumbers(number.sid).fetch();
    await client.incomingPhoneNumbers.list({ phoneNumber: number.phoneNumber, friendlyName: "Support line", pageSize: 20 });
    await client.incomingPhoneNumbers.mobile.create({ phoneNumber: ukMobile!.phoneNumber });
    await client.incomingPhoneNumbers.create({ areaCode: "212" });
    await client.incomingPhoneNumbers.tollFree.list();
    await client.incomingPhoneNumbers.list({ pageSize: 1, limit: 3 });

    // Send an SMS and an MMS, and follow them.
    const to = uniqueHandset();
    const sms = await client.messages.create({ to, from: number.phoneNumber, body: "Your order shipped", statusCallback });
    const mms = await client.messages.create({ to, from: number.phoneNumber, body: "Your receipt", mediaUrl: [`${server.url}/media/cat.png`, `${server.url}/media/cat.png`], statusCallback });
    // Register the number (the sandbox puts it in a Messaging Service), then read it all as the readiness check does.
    await setSandboxRegistration({ db: handle.db, phoneNumber: number.phoneNumber, registration: "registered" });
    const [service] = await client.messaging.v1.services.list({ pageSize: 20 });
    await client.messaging.v1.services(service!.sid).fetch();
    await client.messaging.v1.services(service!.sid).phoneNumbers.list({ limit: 20 });
    await client.messaging.v1.services(service!.sid).usAppToPerson.list({ limit: 1 });
    await expect(client.messaging.v1.services(`MG${"0".repeat(32)}`).phoneNumbers.list()).rejects.toMatchObject({ status: 404 });
    const [tollFree] = await client.availablePhoneNumbers("US").tollFree.list({ limit: 1 });
    const tollFreeNumber = await client.incomingPhoneNumbers.tollFree.create({ phoneNumber: tollFree!.phoneNumber });
    await setSandboxRegistration({ db: handle.db, phoneNumber: tollFreeNumber.phoneNumber, registration: "rejected" });
    expect(await client.messaging.v1.tollfreeVerifications.list({ tollfreePhoneNumberSid: tollFreeNumber.sid, limit: 1 })).toMatchObject([{ status: "TWILIO_REJECTED" }]);
    await client.messaging.v1.tollfreeVerifications.list({ status: "TWILIO_APPROVED" });
    await client.messages.create({ to, messagingServiceSid: service!.sid, body: "Via a service" });
    await runJobsUntilIdle(handle.db);
    await client.messages(sms.sid).fetch();
    await client.messages.list({ to, from: number.phoneNumber, dateSent: new Date(), pageSize: 1, limit: 3 });
    await client.messages.list({ dateSentAfter: new Date(Date.now() - 60_000), dateSentBefore: new Date(Date.now() + 60_000), limit: 5 });
    // The lookup the send path makes when Twilio failed under a send (lib/outbound/lookup.ts).
    await lookUpAttempt({ client, db: handle.db, message: { fromE164: number.phoneNumber, toE164: to, body: "Your order shipped" }, mediaCount: 0, since: new Date(Date.now() - 60_000) });

    // List, fetch and delete media.
    const media = await client.messages(mms.sid).media.list();
    expect(media).toHaveLength(2);
    await client.messages(mms.sid).media(media[0]!.sid).fetch();
    await client.messages(mms.sid).media(media[0]!.sid).remove();
    await client.messages(mms.sid).media.list({ pageSize: 1 });

    // Redact and delete, fetch the account, refuse what Twilio refuses, and release.
    await client.messages(sms.sid).update({ body: "" });
    await client.messages(sms.sid).remove();
    const { accountSid } = await getSandboxCredentials();
    await client.api.v2010.accounts(accountSid).fetch();
    await expect(client.messages.create({ to: "+1 123", from: number.phoneNumber, body: "x" })).rejects.toMatchObject({ code: 21211 });
    await expect(client.messages(sms.sid).fetch()).rejects.toMatchObject({ code: 20404 });
    await client.incomingPhoneNumbers(number.sid).remove();

    expect(sandboxContractProblems(server.exchanges)).toEqual([]);

    const calls = sandboxApiCalls(server.exchanges);
    const exercised = new Set(calls.map((call) => `${call.method} ${findOperation(api, call.method, call.path)?.template}`));
    const account = "/2010-04-01/Accounts/{AccountSid}";
    expect([...exercised]).toEqual(
      expect.arrayContaining([
        `GET ${account}/AvailablePhoneNumbers/{CountryCode}/Local.json`,
        `GET ${account}/AvailablePhoneNumbers/{CountryCode}/Mobile.json`,
        `GET ${account}/AvailablePhoneNumbers/{CountryCode}/TollFree.json`,
        `POST ${account}/IncomingPhoneNumbers.json`,
        `POST ${account}/IncomingPhoneNumbers/{Sid}.json`,
        `GET ${account}/IncomingPhoneNumbers/{Sid}.json`,
        `DELETE ${account}/IncomingPhoneNumbers/{Sid}.json`,
        `GET ${account}/IncomingPhoneNumbers.json`,
        `POST ${account}/Messages.json`,
        `GET ${account}/Messages.json`,
        `GET ${account}/Messages/{Sid}.json`,
        `POST ${account}/Messages/{Sid}.json`,
        `DELETE ${account}/Messages/{Sid}.json`,
        `GET ${account}/Messages/{MessageSid}/Media.json`,
        `GET ${account}/Messages/{MessageSid}/Media/{Sid}.json`,
        `DELETE ${account}/Messages/{MessageSid}/Media/{Sid}.json`,
        "GET /2010-04-01/Accounts/{Sid}.json",
        "GET /messaging/v1/Services",
        "GET /messaging/v1/Services/{Sid}",
        "GET /messaging/v1/Services/{ServiceSid}/PhoneNumbers",
        "GET /messaging/v1/Services/{MessagingServiceSid}/Compliance/Usa2p",
        "GET /messaging/v1/Tollfree/Verifications",
      ]),
    );
  });
});
