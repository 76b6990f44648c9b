import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { normalizePhoneNumber, numberType } from "@/lib/phone/normalize";
import { getTwilioClient } from "@/lib/twilio/client";
import type { AppServer } from "../support/app-server";
import { testDatabases } from "../support/database";
import { closeSandboxApp, openSandboxApp } from "../support/sandbox-app";
import { sandboxAuthHeader, sandboxFetch, withEnv } from "../support/sandbox";

type TwilioFailure = { status: number; code: number; message: string; moreInfo: string };

async function failureOf(promise: Promise<unknown>): Promise<TwilioFailure> {
  try {
    await promise;
  } catch (error) {
    return error as TwilioFailure;
  }
  throw new Error("expected the call to fail");
}

describe.each(testDatabases())("sandbox phone numbers on $name", (database) => {
  let handle: DatabaseHandle;
  let server: AppServer;

  beforeAll(async () => {
    ({ handle, server } = await openSandboxApp(database));
  });

  afterAll(() => closeSandboxApp({ handle, server }));

  it("asks for the account's credentials, as Twilio does", async () => {
    const anonymous = await sandboxFetch(server.url, "/IncomingPhoneNumbers.json", { headers: { authorization: "" } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain("Basic");
    expect(await anonymous.json()).toEqual({ code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 });

    const wrong = await sandboxFetch(server.url, "/IncomingPhoneNumbers.json", {
      headers: { authorization: await sandboxAuthHeader({ username: "AC" + "0".repeat(32), password: "guess" }) },
    });
    expect(wrong.status).toBe(401);

    const ok = await sandboxFetch(server.url, "/IncomingPhoneNumbers.json");
    expect(ok.status).toBe(200);
  });

  it("does not exist when real Twilio credentials are set", async () => {
    const response = await withEnv({ TWILIO_ACCOUNT_SID: "AC" + "1".repeat(32), TWILIO_AUTH_TOKEN: "live-token" }, () =>
      sandboxFetch(server.url, "/IncomingPhoneNumbers.json"),
    );
    expect(response.status).toBe(404);
  });

  it("offers realistic numbers with each country's capabilities, the same ones every time", async () => {
    const client = await getTwilioClient();
    const sanFrancisco = await client.availablePhoneNumbers("US").local.list({ areaCode: 415, limit: 5 });
    expect(sanFrancisco).toHaveLength(5);
    for (const number of sanFrancisco) {
      expect(number.phoneNumber).toMatch(/^\+1415\d{7}$/);
      expect(normalizePhoneNumber(number.phoneNumber)).toMatchObject({ ok: true, country: "US" });
      expect(number.capabilities).toEqual({ fax: false, mms: true, sms: true, voice: true });
      expect(number.locality).toBe("San Francisco");
      expect(number.region).toBe("CA");
      expect(number.friendlyName).toMatch(/^\(415\) \d{3}-\d{4}$/);
    }
    const again = await client.availablePhoneNumbers("US").local.list({ areaCode: 415, limit: 5 });
    expect(again.map((n) => n.phoneNumber)).toEqual(sanFrancisco.map((n) => n.phoneNumber));

    const tollFree = await client.availablePhoneNumbers("US").tollFree.list({ limit: 3 });
    expect(tollFree.map((n) => numberType(n.phoneNumber))).toEqual(["toll-free", "toll-free", "toll-free"]);
    expect(tollFree[0]?.capabilities).toEqual({ fax: false, mms: true, sms: true, voice: true });

    const canada = await client.availablePhoneNumbers("CA").local.list({ limit: 2 });
    expect(canada.map((n) => normalizePhoneNumber(n.phoneNumber))).toEqual([
      expect.objectContaining({ country: "CA" }),
      expect.objectContaining({ country: "CA" }),
    ]);

    const ukMobile = await client.availablePhoneNumbers("GB").mobile.list({ limit: 2 });
    expect(ukMobile).toHaveLength(2);
    expect(ukMobile.map((n) => numberType(n.phoneNumber))).toEqual(["mobile", "mobile"]);
    expect(ukMobile[0]?.capabilities).toEqual({ fax: false, mms: false, sms: true, voice: true });

    const ukLocal = await client.availablePhoneNumbers("GB").local.list({ limit: 2 });
    expect(ukLocal.map((n) => numberType(n.phoneNumber))).toEqual(["local", "local"]);
    expect(ukLocal[0]?.capabilities).toEqual({ fax: false, mms: false, sms: false, voice: true });
    expect(await client.availablePhoneNumbers("GB").local.list({ smsEnabled: true, limit: 2 })).toEqual([]);

    const japan = await client.availablePhoneNumbers("JP").local.list({ limit: 1 });
    expect(japan[0]?.capabilities).toEqual({ fax: false, mms: false, sms: false, voice: true });
    expect(await client.availablePhoneNumbers("US").mobile.list({ limit: 2 })).toEqual([]);
  });

  it("filters by Contains and SmsEnabled/MmsEnabled", async () => {
    const client = await getTwilioClient();
    const withPattern = await client.availablePhoneNumbers("US").local.list({ contains: "4242", limit: 3 });
    expect(withPattern.length).toBeGreaterThan(0);
    for (const number of withPattern) expect(number.phoneNumber).toContain("4242");
    const mms = await client.availablePhoneNumbers("US").local.list({ mmsEnabled: true, smsEnabled: true, limit: 2 });
    expect(mms).toHaveLength(2);
    expect(await client.availablePhoneNumbers("GB").mobile.list({ mmsEnabled: true, limit: 2 })).toEqual([]);
  });

  it("buys, configures, lists and releases a number", async () => {
    const client = await getTwilioClient();
    const [offer] = await client.availablePhoneNumbers("US").local.list({ areaCode: 212, limit: 1 });
    const bought = await client.incomingPhoneNumbers.create({
      phoneNumber: offer!.phoneNumber,
      smsUrl: `${server.url}/api/twilio/sms`,
      statusCallback: `${server.url}/api/twilio/status`,
    });
    expect(bought.sid).toMatch(/^PN[0-9a-f]{32}$/);
    expect(bought.phoneNumber).toBe(offer!.phoneNumber);
    expect(bought.friendlyName).toBe(offer!.friendlyName);
    expect(bought.capabilities).toEqual({ fax: false, mms: true, sms: true, voice: true });
    expect(bought.smsUrl).toBe(`${server.url}/api/twilio/sms`);
    expect(bought.smsMethod).toBe("POST");
    expect(bought.dateCreated).toBeInstanceOf(Date);

    // Owned numbers are no longer for sale, and cannot be bought twice.
    const afterPurchase = await client.availablePhoneNumbers("US").local.list({ areaCode: 212, limit: 5 });
    expect(afterPurchase.map((n) => n.phoneNumber)).not.toContain(offer!.phoneNumber);
    const twice = await failureOf(client.incomingPhoneNumbers.create({ phoneNumber: offer!.phoneNumber }));
    expect(twice).toMatchObject({ status: 400, code: 21422 });

    const updated = await client.incomingPhoneNumbers(bought.sid).update({
      friendlyName: "Support line",
      smsMethod: "GET",
      smsFallbackUrl: `${server.url}/fallback`,
      smsFallbackMethod: "POST",
      statusCallbackMethod: "POST",
    });
    expect(updated).toMatchObject({ friendlyName: "Support line", smsMethod: "GET", smsFallbackUrl: `${server.url}/fallback` });
    expect((await client.incomingPhoneNumbers(bought.sid).fetch()).friendlyName).toBe("Support line");

    const byName = await client.incomingPhoneNumbers.list({ friendlyName: "Support line" });
    expect(byName.map((n) => n.sid)).toEqual([bought.sid]);
    const byDigits = await client.incomingPhoneNumbers.list({ phoneNumber: offer!.phoneNumber.slice(0, 6) });
    expect(byDigits.map((n) => n.sid)).toContain(bought.sid);
    expect(await client.incomingPhoneNumbers.list({ friendlyName: "Nobody" })).toEqual([]);

    await client.incomingPhoneNumbers(bought.sid).remove();
    const gone = await failureOf(client.incomingPhoneNumbers(bought.sid).fetch());
    expect(gone).toMatchObject({ status: 404, code: 20404 });
    const forSaleAgain = await client.availablePhoneNumbers("US").local.list({ areaCode: 212, limit: 5 });
    expect(forSaleAgain.map((n) => n.phoneNumber)).toContain(offer!.phoneNumber);
  });

  it("buys by area code and refuses numbers no carrier would sell", async () => {
    const client = await getTwilioClient();
    const byArea = await client.incomingPhoneNumbers.create({ areaCode: "604" });
    expect(byArea.phoneNumber).toMatch(/^\+1604/);
    expect(normalizePhoneNumber(byArea.phoneNumber)).toMatchObject({ ok: true, country: "CA" });

    expect(await failureOf(client.incomingPhoneNumbers.create({ phoneNumber: "+1 123" }))).toMatchObject({ status: 400, code: 21421 });
    expect(await failureOf(client.incomingPhoneNumbers.create({ areaCode: "999" }))).toMatchObject({ status: 400, code: 21452 });
    expect(await failureOf(client.incomingPhoneNumbers.create({ areaCode: "415", smsUrl: "ftp://nope" }))).toMatchObject({
      status: 400,
      code: 21502,
    });
    const ukMobile = await client.incomingPhoneNumbers.mobile.create({ phoneNumber: "+447400123456" });
    expect(ukMobile.capabilities).toEqual({ fax: false, mms: false, sms: true, voice: true });
    expect(await failureOf(client.incomingPhoneNumbers.local.create({ phoneNumber: "+447400123457" }))).toMatchObject({ code: 21422 });
  });

  it("pages lists the way Twilio does", async () => {
    const client = await getTwilioClient();
    for (const areaCode of ["312", "206", "512"]) await client.incomingPhoneNumbers.create({ areaCode });
    const all = await client.incomingPhoneNumbers.list();
    const pageByPage = await client.incomingPhoneNumbers.list({ pageSize: 2 });
    expect(pageByPage.map((n) => n.sid)).toEqual(all.map((n) => n.sid));

    const raw = await sandboxFetch(server.url, "/IncomingPhoneNumbers.json?PageSize=2&Page=1");
    const envelope = (await raw.json()) as Record<string, unknown>;
    expect(envelope).toMatchObject({ page: 1, page_size: 2, start: 2, end: 3 });
    expect(envelope.first_page_uri).toMatch(/\/IncomingPhoneNumbers\.json\?PageSize=2&Page=0$/);
    expect(envelope.previous_page_uri).toMatch(/PageSize=2&Page=0$/);
    expect((envelope.incoming_phone_numbers as unknown[]).length).toBe(2);
  });
});
