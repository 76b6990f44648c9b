import type { Twilio } from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getPhoneNumberByE164 } from "@/db/queries/phone-numbers";
import { getPortRequest, listPortRequests } from "@/db/queries/port-requests";
import { checkOpenPortRequests, checkPortRequest, markPortInProgress, rejectPortRequest, submitPortRequest } from "@/lib/phone-numbers/porting";
import { portRejectionSchema, portRequestSchema } from "@/lib/phone-numbers/validation";
import { getTwilioClient } from "@/lib/twilio/client";
import type { AppServer } from "../support/app-server";
import { testDatabases } from "../support/database";
import { closeSandboxApp, openSandboxApp } from "../support/sandbox-app";
import { createOwnedNumber, createUser } from "../support/records";

const details = {
  currentCarrier: "Acme Mobile",
  carrierAccountNumber: "ACC-1234",
  carrierPin: "4321",
  authorizedName: "Pat Owner",
  serviceAddress: "1 Main St, Springfield",
};

describe.each(testDatabases())("port requests on $name", (database) => {
  let handle: DatabaseHandle;
  let server: AppServer;
  let twilio: Twilio;
  let adminId: string;
  beforeAll(async () => {
    ({ handle, server } = await openSandboxApp(database));
    twilio = await getTwilioClient();
    adminId = (await createUser(handle.db)).id;
  });
  afterAll(() => closeSandboxApp({ handle, server }));

  it("reads the number as people type it and refuses a bad one next to its field", () => {
    expect(portRequestSchema.parse({ ...details, phoneNumber: "+1 (415) 555-0133" }).phoneNumber).toBe("+14155550133");
    const bad = portRequestSchema.safeParse({ ...details, phoneNumber: "555-0133", carrierPin: "" });
    expect(bad.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["phoneNumber", "“555-0133” has no country code. Type it with its country code, like +1 415 555 0100."],
      ["carrierPin", "Enter the PIN or passcode."],
    ]);
  });

  it("submits a request, refuses a second one for the same number, and records the carrier's rejection", async () => {
    const input = portRequestSchema.parse({ ...details, phoneNumber: "+14155550134" });
    const request = await submitPortRequest({ db: handle.db, input, actorId: adminId });
    expect(request).toMatchObject({ e164: "+14155550134", status: "submitted", createdById: adminId });
    await expect(submitPortRequest({ db: handle.db, input, actorId: adminId })).rejects.toThrow("A port request for +1 415 555 0134 is already on its way.");

    const reason = "Acme Mobile: the PIN does not match our records.";
    await rejectPortRequest({ db: handle.db, id: request.id, reason });
    expect(await getPortRequest({ db: handle.db, id: request.id })).toMatchObject({ status: "rejected", rejectionReason: reason });
    await expect(rejectPortRequest({ db: handle.db, id: request.id, reason })).rejects.toThrow("The port of +1 415 555 0134 is already rejected.");

    // Rejected, it may be tried again.
    await submitPortRequest({ db: handle.db, input, actorId: adminId });
    expect((await listPortRequests({ db: handle.db })).filter((row) => row.e164 === "+14155550134")).toHaveLength(2);
  });

  it("refuses to port a number that is already owned here", async () => {
    await createOwnedNumber(handle.db, "+14155550135");
    const input = portRequestSchema.parse({ ...details, phoneNumber: "+14155550135" });
    await expect(submitPortRequest({ db: handle.db, input, actorId: adminId })).rejects.toMatchObject({
      message: "+1 415 555 0135 is already one of your numbers.",
      fieldErrors: { phoneNumber: "+1 415 555 0135 is already one of your numbers." },
    });
  });
  it("refuses to port a number that could not have SMS here, saying why", async () => {
    const input = portRequestSchema.parse({ ...details, phoneNumber: "+44 20 7946 0018" });
    const message = "+44 20 7946 0018 cannot have SMS here, so porting it in would not help: UK local (geographic) numbers cannot send or receive SMS yet. Use a UK mobile number.";
    await expect(submitPortRequest({ db: handle.db, input, actorId: adminId })).rejects.toMatchObject({ message, fieldErrors: { phoneNumber: message } });
  });

  it("records a rejection only with the carrier's reason", async () => {
    const request = await submitPortRequest({ db: handle.db, input: portRequestSchema.parse({ ...details, phoneNumber: "+14155550129" }), actorId: adminId });
    for (const reason of ["", "   "]) {
      await expect(rejectPortRequest({ db: handle.db, id: request.id, reason })).rejects.toMatchObject({ message: "Enter the reason the carrier gave.", fieldErrors: { reason: "Enter the reason the carrier gave." } });
    }
    expect(await getPortRequest({ db: handle.db, id: request.id })).toMatchObject({ status: "submitted", rejectionReason: null });
  });

  it("requires the carrier's reason to reject a port", () => {
    const id = "00000000-0000-4000-8000-000000000001";
    expect(portRejectionSchema.safeParse({ id, reason: "  " }).error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["reason", "Enter the reason the carrier gave."],
    ]);
    expect(portRejectionSchema.parse({ id, reason: " Wrong PIN " }).reason).toBe("Wrong PIN");
  });

  it("follows a port: submitted, in progress, then completed when the number appears in the Twilio account", async () => {
    const e164 = "+14155550136";
    const request = await submitPortRequest({ db: handle.db, input: portRequestSchema.parse({ ...details, phoneNumber: e164 }), actorId: adminId });

    // Not in the account yet: nothing changes, and the admin is told why.
    expect(await checkPortRequest({ db: handle.db, twilio, id: request.id })).toEqual({
      completed: false,
      message: "+1 415 555 0136 is not in your Twilio account yet. The carrier moves it; this usually takes several days.",
    });
    expect((await markPortInProgress({ db: handle.db, id: request.id })).status).toBe("in_progress");
    await expect(markPortInProgress({ db: handle.db, id: request.id })).rejects.toThrow("The port of +1 415 555 0136 is already in progress.");
    expect(await getPhoneNumberByE164({ db: handle.db, e164 })).toBeNull();

    // The carrier finishes: the number arrives in the account (here, the sandbox account buys it).
    const arrived = await twilio.incomingPhoneNumbers.create({ phoneNumber: e164 });
    expect(await checkPortRequest({ db: handle.db, twilio, id: request.id })).toEqual({ completed: true, message: "+1 415 555 0136 has arrived: it is now one of your numbers." });
    const owned = await getPhoneNumberByE164({ db: handle.db, e164 });
    expect(owned).toMatchObject({ source: "ported", twilioSid: arrived.sid });
    expect(await getPortRequest({ db: handle.db, id: request.id })).toMatchObject({ status: "completed", phoneNumberId: owned!.id });
    await expect(checkPortRequest({ db: handle.db, twilio, id: request.id })).rejects.toThrow("The port of +1 415 555 0136 is already completed.");
    await expect(rejectPortRequest({ db: handle.db, id: request.id, reason: "Too late" })).rejects.toThrow("already completed");
    await expect(markPortInProgress({ db: handle.db, id: request.id })).rejects.toThrow("already completed");
  });

  it("completes open ports whose numbers arrived when the page checks them, at most every few minutes", async () => {
    const waiting = await submitPortRequest({ db: handle.db, input: portRequestSchema.parse({ ...details, phoneNumber: "+14155550137" }), actorId: adminId });
    const done = await submitPortRequest({ db: handle.db, input: portRequestSchema.parse({ ...details, phoneNumber: "+14155550138" }), actorId: adminId });
    await markPortInProgress({ db: handle.db, id: done.id });
    await twilio.incomingPhoneNumbers.create({ phoneNumber: "+14155550138" });

    const now = Date.now();
    expect(await checkOpenPortRequests({ db: handle.db, twilio, now })).toBe(1);
    expect(await getPortRequest({ db: handle.db, id: done.id })).toMatchObject({ status: "completed" });
    expect(await getPortRequest({ db: handle.db, id: waiting.id })).toMatchObject({ status: "submitted" });

    // The second port completes too, but a page opened a minute later does not ask Twilio again.
    await twilio.incomingPhoneNumbers.create({ phoneNumber: "+14155550137" });
    const asked = server.twilioExchanges.length;
    expect(await checkOpenPortRequests({ db: handle.db, twilio, now: now + 60_000 })).toBe(0);
    expect(server.twilioExchanges.length).toBe(asked);
    expect(await checkOpenPortRequests({ db: handle.db, twilio, now: now + 6 * 60_000 })).toBe(1);
    expect(await getPortRequest({ db: handle.db, id: waiting.id })).toMatchObject({ status: "completed" });
  });
});
