import type { Twilio } from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getPhoneNumberByE164, listPhoneNumbers } from "@/db/queries/phone-numbers";
import { getPortRequest } from "@/db/queries/port-requests";
import { createSmsIntegration, deleteSmsIntegration } from "@/lib/integrations/manage";
import { listNumberChoices } from "@/lib/integrations/number-choices";
import { buyPhoneNumber, importPhoneNumbers, listImportableNumbers, releasePhoneNumber, supportOfOwnedNumber } from "@/lib/phone-numbers/manage";
import { completePortInSandbox, submitPortRequest } from "@/lib/phone-numbers/porting";
import { searchAvailableNumbers } from "@/lib/phone-numbers/search";
import { insertSandboxNumber } from "@/db/queries/sandbox-numbers";
import { countryName } from "@/lib/phone/normalize";
import { NUMBER_TYPE_LABELS } from "@/lib/phone-numbers/types";
import { newSid } from "@/lib/sandbox/sids";
import { getTwilioClient } from "@/lib/twilio/client";
import type { AppServer } from "../support/app-server";
import { testDatabases } from "../support/database";
import { closeSandboxApp, openSandboxApp } from "../support/sandbox-app";
import { createUser } from "../support/records";

describe.each(testDatabases())("phone numbers through Twilio, on $name", (database) => {
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

  it("searches with what each number could do here, and buys one", async () => {
    const ukMobiles = await searchAvailableNumbers({ twilio, search: { country: "GB", type: "mobile" } });
    expect(ukMobiles[0]?.support).toEqual({ sms: true, mms: false, reason: "UK mobile numbers can send SMS but not MMS (pictures)." });
    const [offer] = await searchAvailableNumbers({ twilio, search: { country: "US", type: "toll-free" } });
    expect(offer?.support).toEqual({ sms: true, mms: true, reason: null });

    const bought = await buyPhoneNumber({ db: handle.db, twilio, e164: offer!.e164, type: "toll-free" });
    expect(bought).toMatchObject({ e164: offer!.e164, type: "toll-free", source: "purchased", twilioSms: true, twilioMms: true, country: "US" });
    expect((await twilio.incomingPhoneNumbers(bought.twilioSid).fetch()).phoneNumber).toBe(offer!.e164);
    await expect(buyPhoneNumber({ db: handle.db, twilio, e164: offer!.e164, type: "toll-free" })).rejects.toThrow(/is already one of your numbers\.$/);
  });

  it("stores the type the digits say, not the one the request claims: a UK local number sent as mobile gets no SMS", async () => {
    const [offer] = await searchAvailableNumbers({ twilio, search: { country: "GB", type: "local" } });
    const bought = await buyPhoneNumber({ db: handle.db, twilio, e164: offer!.e164, type: "mobile" });
    expect(bought).toMatchObject({ e164: offer!.e164, country: "GB", type: "local", twilioSms: false });
    expect(supportOfOwnedNumber(bought)).toEqual({
      sms: false,
      mms: false,
      reason: "UK local (geographic) numbers cannot send or receive SMS yet. Use a UK mobile number.",
    });
    const choice = (await listNumberChoices({ db: handle.db })).find((option) => option.id === bought.id);
    expect(choice?.unavailableReason).toBe("UK local (geographic) numbers cannot send or receive SMS yet. Use a UK mobile number.");

    // A US number's digits do not say local or mobile: Twilio's record does, whatever the request claims.
    const [usOffer] = await searchAvailableNumbers({ twilio, search: { country: "US", type: "local" } });
    expect(await buyPhoneNumber({ db: handle.db, twilio, e164: usOffer!.e164, type: "mobile" })).toMatchObject({ type: "local", country: "US" });
  });

  it("explains a number someone else bought first, and a search with no results", async () => {
    const [offer] = await searchAvailableNumbers({ twilio, search: { country: "US", type: "local", areaCode: "512" } });
    await twilio.incomingPhoneNumbers.create({ phoneNumber: offer!.e164 });
    await expect(buyPhoneNumber({ db: handle.db, twilio, e164: offer!.e164, type: "local" })).rejects.toThrow(
      "It is no longer for sale (someone else may have just bought it). Search again.",
    );
    expect(await getPhoneNumberByE164({ db: handle.db, e164: offer!.e164 })).toBeNull();
    expect(await searchAvailableNumbers({ twilio, search: { country: "US", type: "mobile" } })).toEqual([]);
  });

  it("imports numbers the Twilio account owns but this app does not", async () => {
    const direct = await twilio.incomingPhoneNumbers.create({ areaCode: "617" });
    const importable = await listImportableNumbers({ db: handle.db, twilio });
    const listed = importable.find((number) => number.sid === direct.sid);
    expect(listed).toMatchObject({ e164: direct.phoneNumber, support: { sms: true, mms: true, reason: null } });

    const [adopted] = await importPhoneNumbers({ db: handle.db, twilio, sids: [direct.sid] });
    expect(adopted).toMatchObject({ e164: direct.phoneNumber, twilioSid: direct.sid, source: "imported", type: "local" });
    expect((await listImportableNumbers({ db: handle.db, twilio })).map((number) => number.sid)).not.toContain(direct.sid);
    await expect(importPhoneNumbers({ db: handle.db, twilio, sids: [`PN${"0".repeat(32)}`] })).rejects.toThrow("None of those numbers is in your Twilio account any more.");
  });

  it("takes a number's country, type and SMS from Twilio's record when libphonenumber does not know its range", async () => {
    // +44 7700 900… is a range libphonenumber calls invalid; Twilio's record says a GB mobile with SMS.
    const e164 = "+447700900103";
    await insertSandboxNumber({
      db: handle.db,
      number: { sid: newSid("PN"), accountSid: twilio.accountSid, phoneNumber: e164, friendlyName: "New range", isoCountry: "GB", numberType: "mobile", sms: true, mms: false, voice: true },
    });
    const listed = (await listImportableNumbers({ db: handle.db, twilio })).find((number) => number.e164 === e164);
    expect(listed?.support).toEqual({ sms: true, mms: false, reason: "UK mobile numbers can send SMS but not MMS (pictures)." });

    const [adopted] = await importPhoneNumbers({ db: handle.db, twilio, sids: [listed!.sid] });
    expect(adopted).toMatchObject({ e164, country: "GB", type: "mobile", twilioSms: true, twilioMms: false });
    expect(countryName(adopted!.country)).toBe("United Kingdom");
    expect(NUMBER_TYPE_LABELS[adopted!.type]).toBe("Mobile");
    const choice = (await listNumberChoices({ db: handle.db })).find((option) => option.id === adopted!.id);
    expect(choice).toMatchObject({ unavailableReason: null, note: "UK mobile numbers can send SMS but not MMS (pictures)." });
    const integration = await createSmsIntegration({ db: handle.db, twilio, name: "New UK range", phoneNumberId: adopted!.id, actorId: adminId });
    expect(integration.phoneE164).toBe(e164);
  });

  it("completes a port in the sandbox: the number comes into the account, marked ported", async () => {
    const request = await submitPortRequest({
      db: handle.db,
      actorId: adminId,
      input: { phoneNumber: "+14155550177", currentCarrier: "Acme", carrierAccountNumber: "1", carrierPin: "2", authorizedName: "Pat", serviceAddress: "1 Main St" },
    });
    await completePortInSandbox({ db: handle.db, twilio, id: request.id });
    const ported = await getPhoneNumberByE164({ db: handle.db, e164: "+14155550177" });
    expect(ported).toMatchObject({ source: "ported", twilioSms: true });
    expect(await getPortRequest({ db: handle.db, id: request.id })).toMatchObject({ status: "completed", phoneNumberId: ported!.id });
    expect((await twilio.incomingPhoneNumbers(ported!.twilioSid).fetch()).phoneNumber).toBe("+14155550177");
    await expect(completePortInSandbox({ db: handle.db, twilio, id: request.id })).rejects.toThrow("The port of +1 415 555 0177 is already completed.");
  });

  it("refuses to release a number an SMS integration uses, naming it; releases it once the integration is gone", async () => {
    const [offer] = await searchAvailableNumbers({ twilio, search: { country: "CA", type: "local" } });
    const number = await buyPhoneNumber({ db: handle.db, twilio, e164: offer!.e164, type: "local" });
    const integration = await createSmsIntegration({ db: handle.db, twilio, name: "Canada desk", phoneNumberId: number.id, actorId: adminId });

    await expect(releasePhoneNumber({ db: handle.db, twilio, id: number.id })).rejects.toThrow(
      /is used by the SMS integration “Canada desk”\. Delete that integration first\.$/,
    );
    expect((await twilio.incomingPhoneNumbers(number.twilioSid).fetch()).sid).toBe(number.twilioSid);
    const choice = (await listNumberChoices({ db: handle.db })).find((option) => option.id === number.id);
    expect(choice?.unavailableReason).toBe("Already used by the SMS integration “Canada desk”.");

    await deleteSmsIntegration({ db: handle.db, twilio, id: integration.id, actorId: adminId });
    await releasePhoneNumber({ db: handle.db, twilio, id: number.id });
    await expect(twilio.incomingPhoneNumbers(number.twilioSid).fetch()).rejects.toMatchObject({ status: 404 });
    expect((await listPhoneNumbers({ db: handle.db })).map((row) => row.id)).not.toContain(number.id);
  });
});
