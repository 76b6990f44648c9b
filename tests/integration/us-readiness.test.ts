import type { Twilio } from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getIntegration } from "@/db/queries/integrations";
import { listAdminActions } from "@/db/queries/audit";
import { createSmsIntegration } from "@/lib/integrations/manage";
import { chooseMessagingService, listMessagingServices } from "@/lib/integrations/messaging-service";
import { checkIntegrationReadiness, checkUsReadiness, forgetUsReadiness } from "@/lib/integrations/readiness";
import { US_READINESS_LABELS } from "@/lib/integrations/readiness-words";
import { buyPhoneNumber } from "@/lib/phone-numbers/manage";
import { searchAvailableNumbers } from "@/lib/phone-numbers/search";
import { setSandboxRegistration } from "@/lib/sandbox/registration";
import { getTwilioClient } from "@/lib/twilio/client";
import type { AppServer } from "../support/app-server";
import { testDatabases } from "../support/database";
import { createUser } from "../support/records";
import { closeSandboxApp, openSandboxApp } from "../support/sandbox-app";

describe.each(testDatabases())("US readiness from the sandbox's Messaging API, on $name", (database) => {
  let handle: DatabaseHandle;
  let server: AppServer;
  let twilio: Twilio;
  let adminId: string;

  beforeAll(async () => {
    ({ handle, server } = await openSandboxApp(database));
    twilio = await getTwilioClient();
    adminId = (await createUser(handle.db)).id;
  });
  beforeEach(() => forgetUsReadiness());
  afterAll(() => closeSandboxApp({ handle, server }));

  async function integrationOn(country: "US" | "GB", type: "local" | "mobile" | "toll-free", name: string) {
    const [offer] = await searchAvailableNumbers({ twilio, search: { country, type } });
    const number = await buyPhoneNumber({ db: handle.db, twilio, e164: offer!.e164, type });
    const integration = await createSmsIntegration({ db: handle.db, twilio, name, phoneNumberId: number.id, actorId: adminId });
    return { number, integration };
  }

  it("follows a 10-digit number's A2P 10DLC campaign: none, under review, approved, failed", async () => {
    const { number, integration } = await integrationOn("US", "local", "Austin desk");
    const check = (fresh = false) => checkIntegrationReadiness({ db: handle.db, twilio, integration, fresh });

    const none = await check();
    expect(none).toMatchObject({ state: "not-registered", kind: "10dlc" });
    expect(none!.detail).toMatch(/is in no Messaging Service with an A2P 10DLC campaign\./);
    expect(US_READINESS_LABELS[none!.state]).toBe("Not registered: US carriers will block texts from this number");

    await setSandboxRegistration({ db: handle.db, phoneNumber: number.e164, registration: "pending" });
    // Twilio's answer is kept: the change shows once asked again.
    expect((await check())!.state).toBe("not-registered");
    const pending = await check(true);
    expect(pending).toMatchObject({ state: "pending", detail: expect.stringContaining("under review (IN_PROGRESS)") });
    expect(US_READINESS_LABELS[pending!.state]).toBe("Registration pending");

    await setSandboxRegistration({ db: handle.db, phoneNumber: number.e164, registration: "registered" });
    forgetUsReadiness();
    const ready = await check();
    expect(ready).toMatchObject({ state: "ready", detail: expect.stringContaining("whose A2P 10DLC campaign is approved") });
    expect(US_READINESS_LABELS[ready!.state]).toBe("Ready");

    await setSandboxRegistration({ db: handle.db, phoneNumber: number.e164, registration: "rejected" });
    expect(await check(true)).toMatchObject({ state: "not-registered", detail: expect.stringContaining("was not approved (FAILED)") });

    await setSandboxRegistration({ db: handle.db, phoneNumber: number.e164, registration: "unregistered" });
    expect(await check(true)).toMatchObject({ state: "not-registered", detail: expect.stringContaining("which has no A2P 10DLC campaign") });
  });

  it("follows a toll-free number's verification, and leaves numbers outside the US and Canada alone", async () => {
    const { number, integration } = await integrationOn("US", "toll-free", "Toll-free desk");
    const check = () => checkIntegrationReadiness({ db: handle.db, twilio, integration, fresh: true });
    expect(await check()).toMatchObject({ state: "not-registered", kind: "toll-free", detail: expect.stringContaining("has no toll-free verification") });
    await setSandboxRegistration({ db: handle.db, phoneNumber: number.e164, registration: "pending" });
    expect(await check()).toMatchObject({ state: "pending", detail: expect.stringContaining("under review (IN_REVIEW)") });
    await setSandboxRegistration({ db: handle.db, phoneNumber: number.e164, registration: "rejected" });
    expect(await check()).toMatchObject({ state: "not-registered", detail: expect.stringContaining("Twilio rejected the toll-free verification") });
    await setSandboxRegistration({ db: handle.db, phoneNumber: number.e164, registration: "registered" });
    expect(await check()).toMatchObject({ state: "ready", detail: expect.stringContaining("is approved") });

    const uk = await integrationOn("GB", "mobile", "London desk");
    expect(await checkIntegrationReadiness({ db: handle.db, twilio, integration: uk.integration })).toBeNull();
    await expect(setSandboxRegistration({ db: handle.db, phoneNumber: uk.number.e164, registration: "registered" })).rejects.toThrow(/US registration does not apply/);
  });

  it("sends an integration through a Messaging Service that holds its number, and refuses one that does not", async () => {
    const { number, integration } = await integrationOn("US", "local", "Service desk");
    const other = await integrationOn("US", "local", "Other desk");
    await setSandboxRegistration({ db: handle.db, phoneNumber: number.e164, registration: "registered" });
    await setSandboxRegistration({ db: handle.db, phoneNumber: other.number.e164, registration: "pending" });
    const services = await listMessagingServices({ twilio });
    const own = services.find((service) => service.friendlyName.startsWith(number.friendlyName));
    const foreign = services.find((service) => service.friendlyName.startsWith(other.number.friendlyName) && service.sid !== own?.sid);
    expect(own && foreign).toBeTruthy();

    await expect(chooseMessagingService({ db: handle.db, twilio, id: integration.id, messagingServiceSid: foreign!.sid, actorId: adminId })).rejects.toThrow(
      /is not in the Messaging Service “.*”\. Add it to that service in the Twilio console first/,
    );
    expect((await getIntegration({ db: handle.db, id: integration.id }))!.messagingServiceSid).toBeNull();
    await expect(chooseMessagingService({ db: handle.db, twilio, id: integration.id, messagingServiceSid: `MG${"0".repeat(32)}`, actorId: adminId })).rejects.toThrow(
      "That Messaging Service is not in your Twilio account any more.",
    );

    const chosen = await chooseMessagingService({ db: handle.db, twilio, id: integration.id, messagingServiceSid: own!.sid, actorId: adminId });
    expect(chosen.messagingServiceSid).toBe(own!.sid);
    const [entry] = (await listAdminActions({ db: handle.db, limit: 1 })).entries;
    expect(entry).toMatchObject({ type: "integration.messaging_service_changed", data: { messagingServiceSid: own!.sid, serviceName: own!.friendlyName } });
    // Its readiness is read from that service first.
    expect(await checkUsReadiness({ twilio, number, messagingServiceSid: own!.sid })).toMatchObject({ state: "ready" });

    expect((await chooseMessagingService({ db: handle.db, twilio, id: integration.id, messagingServiceSid: null, actorId: adminId })).messagingServiceSid).toBeNull();
  });
});
