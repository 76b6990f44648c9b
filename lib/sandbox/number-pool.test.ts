import { describe, expect, it } from "vitest";
import { countryOfNumber, normalizePhoneNumber, numberType } from "@/lib/phone/normalize";
import {
  capabilitiesFor,
  catalogueCountries,
  containsPattern,
  describePurchasable,
  friendlyNameFor,
  matchesContains,
  offeredTypes,
  SEARCH_TYPES,
  searchNumberPool,
} from "./number-pool";

const nothingTaken = () => false;

describe("capabilitiesFor", () => {
  it("follows what Twilio's numbers can do per country and type", () => {
    expect(capabilitiesFor("US", "local")).toEqual({ voice: true, sms: true, mms: true });
    expect(capabilitiesFor("CA", "toll-free")).toEqual({ voice: true, sms: true, mms: true });
    expect(capabilitiesFor("GB", "mobile")).toEqual({ voice: true, sms: true, mms: false });
    expect(capabilitiesFor("GB", "local")).toEqual({ voice: true, sms: false, mms: false });
    expect(capabilitiesFor("FR", "mobile")).toEqual({ voice: true, sms: false, mms: false });
  });
});

describe("searchNumberPool", () => {
  it("draws only valid numbers of the asked country and type, for every catalogue entry", () => {
    for (const country of catalogueCountries()) {
      for (const type of offeredTypes(country)) {
        const numbers = searchNumberPool({ country, type, limit: 5, isTaken: nothingTaken });
        expect(numbers.length, `${country} ${type}`).toBe(5);
        for (const number of numbers) {
          expect(normalizePhoneNumber(number.e164).ok, number.e164).toBe(true);
          expect(numberType(number.e164), number.e164).toBe(SEARCH_TYPES[type]);
          if (type !== "TollFree") expect(countryOfNumber(number.e164)).toBe(country);
        }
      }
    }
  });

  it("offers mobiles in countries without a catalogue", () => {
    const [brazil] = searchNumberPool({ country: "BR", type: "Mobile", limit: 1, isTaken: nothingTaken });
    expect(brazil && numberType(brazil.e164)).toBe("mobile");
    expect(brazil?.capabilities).toEqual({ voice: true, sms: false, mms: false });
    expect(searchNumberPool({ country: "BR", type: "Local", limit: 1, isTaken: nothingTaken })).toEqual([]);
    expect(searchNumberPool({ country: "ZZ", type: "Mobile", limit: 1, isTaken: nothingTaken })).toEqual([]);
  });

  it("is deterministic and skips taken numbers", () => {
    const first = searchNumberPool({ country: "US", type: "Local", areaCode: "415", limit: 3, isTaken: nothingTaken });
    const taken = new Set([first[0]!.e164]);
    const second = searchNumberPool({ country: "US", type: "Local", areaCode: "415", limit: 3, isTaken: (n) => taken.has(n) });
    expect(second.map((n) => n.e164)).not.toContain(first[0]!.e164);
    expect(second.slice(0, 2).map((n) => n.e164)).toEqual(first.slice(1).map((n) => n.e164));
  });

  it("honours an area code outside the usual list, and none that does not exist", () => {
    const boise = searchNumberPool({ country: "US", type: "Local", areaCode: "208", limit: 2, isTaken: nothingTaken });
    expect(boise.map((n) => n.e164.slice(0, 5))).toEqual(["+1208", "+1208"]);
    expect(searchNumberPool({ country: "US", type: "Local", areaCode: "999", limit: 2, isTaken: nothingTaken })).toEqual([]);
  });

  it("finds numbers containing a pattern, with wildcards and letters", () => {
    const words = searchNumberPool({ country: "US", type: "Local", contains: "CAKE", limit: 2, isTaken: nothingTaken });
    expect(words.length).toBe(2);
    for (const number of words) expect(number.e164).toContain("2253");
    const wild = searchNumberPool({ country: "US", type: "TollFree", contains: "7*7", limit: 2, isTaken: nothingTaken });
    for (const number of wild) expect(number.e164).toMatch(/7\d7/);
  });

  it("returns nothing when a capability filter cannot be met", () => {
    expect(searchNumberPool({ country: "GB", type: "Mobile", mmsEnabled: true, limit: 2, isTaken: nothingTaken })).toEqual([]);
    expect(searchNumberPool({ country: "GB", type: "Mobile", smsEnabled: true, limit: 2, isTaken: nothingTaken })).toHaveLength(2);
    expect(searchNumberPool({ country: "US", type: "Local", voiceEnabled: false, limit: 2, isTaken: nothingTaken })).toEqual([]);
  });
});

describe("Contains patterns", () => {
  it("read letters as a keypad does", () => {
    expect(containsPattern("STORE*1")).toBe("78673*1");
  });
  it("match anywhere in the number", () => {
    expect(matchesContains("+14155550123", "555")).toBe(true);
    expect(matchesContains("+14155550123", "1*15")).toBe(true);
    expect(matchesContains("+14155550123", "999")).toBe(false);
    expect(matchesContains("+14155550123", "")).toBe(true);
  });
});

describe("describePurchasable", () => {
  it("says what a number would be, or that no carrier sells it", () => {
    expect(describePurchasable("+14155550123")).toMatchObject({ country: "US", type: "local" });
    expect(describePurchasable("+18005550100")).toMatchObject({ type: "toll-free", capabilities: { sms: true, mms: true } });
    expect(describePurchasable("+447400123456")).toMatchObject({ country: "GB", type: "mobile", capabilities: { sms: true, mms: false } });
    expect(describePurchasable("+11234567890")).toBeNull();
    expect(describePurchasable("+443001234567")).toBeNull();
    expect(describePurchasable("not a number")).toBeNull();
  });
});

describe("friendlyNameFor", () => {
  it("names numbers as Twilio does", () => {
    expect(friendlyNameFor("+14155550123")).toBe("(415) 555-0123");
    expect(friendlyNameFor("+447400123456")).toBe("+44 7400 123456");
  });
});
