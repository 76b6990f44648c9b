import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countryFlag,
  countryName,
  countryOfCustomer,
  countryOfNumber,
  definiteNumberType,
  formatPhoneNumber,
  isShortCodeOrAlphanumericSender,
  normalizePhoneNumber,
  numberType,
} from "./normalize";

describe("normalizePhoneNumber", () => {
  it.each([
    ["(415) 555-0100", "US", "+14155550100", "US"],
    ["+44 7400 900123", undefined, "+447400900123", "GB"],
    ["00 33 6 12 34 56 78", undefined, "+33612345678", "FR"],
    ["00 33 6 12 34 56 78", "US", "+33612345678", "FR"],
    ["+1-415-555-0100", undefined, "+14155550100", "US"],
    ["  +1 613 555 0123 ", undefined, "+16135550123", "CA"],
    ["011 44 20 7946 0123", "US", "+442079460123", "GB"],
    ["07400 123456", "GB", "+447400123456", "GB"],
    ["+972 52 555 1234", undefined, "+972525551234", "IL"],
    ["+1 671 555 0100", undefined, "+16715550100", "GU"],
    ["tel:+14155550100", undefined, "+14155550100", "US"],
  ] as const)("reads %j (default %s) as %s", (input, defaultCountry, e164, country) => {
    expect(normalizePhoneNumber(input, defaultCountry)).toEqual({ ok: true, e164, country });
  });

  it("explains a number that is too short", () => {
    expect(normalizePhoneNumber("12")).toEqual({
      ok: false,
      message: "“12” is not a phone number. Type it with its country code, like +1 415 555 0100.",
    });
    expect(normalizePhoneNumber("12", "US")).toEqual({
      ok: false,
      message: "“12” is not a phone number. Type it with its country code, like +1 415 555 0100.",
    });
  });

  it("asks for a number when the field is empty", () => {
    const result = normalizePhoneNumber("   ");
    expect(result).toEqual({
      ok: false,
      message: "Type a phone number with its country code, like +1 415 555 0100.",
    });
  });

  it.each([
    ["hello", "“hello” is not a phone number."],
    ["+1 415 555 0100 1234 5678", "has too many digits"],
    ["4155550100", "“4155550100” has no country code."],
    ["+999 1234 5678", "does not start with a known country code"],
    ["+1 123 456 7890", "“+1 123 456 7890” is not a phone number in use."],
    ["+1 415 555 0100 ext. 12", "SMS cannot reach an extension"],
    ["+44 20", "is not a phone number"],
  ])("rejects %j", (input, expected) => {
    const result = normalizePhoneNumber(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(expected);
  });

  it("shortens a long input when quoting it back", () => {
    const result = normalizePhoneNumber("x".repeat(500));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`“${"x".repeat(30)}…”`);
  });

  it("never throws, on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), fc.constantFrom(undefined, "US", "GB", "FR"), (input, country) => {
        const result = normalizePhoneNumber(input, country);
        if (result.ok) expect(result.e164).toMatch(/^\+[1-9]\d{6,14}$/);
        else expect(result.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives back the same E.164 when its own output is normalized again", () => {
    const phoneLike = fc
      .tuple(
        fc.constantFrom("+1", "+44", "+33", "00 33", "+81", "+49", "+972", "+61", ""),
        fc.array(fc.constantFrom(..."0123456789 -()"), { minLength: 6, maxLength: 16 }),
      )
      .map(([prefix, rest]) => prefix + rest.join(""));
    let validSeen = 0;
    fc.assert(
      fc.property(phoneLike, fc.constantFrom(undefined, "US", "GB"), (input, country) => {
        const first = normalizePhoneNumber(input, country);
        if (!first.ok) return;
        validSeen += 1;
        expect(normalizePhoneNumber(first.e164)).toEqual(first);
      }),
      { numRuns: 3000 },
    );
    // Guards against a generator that never produces a valid number and so proves nothing.
    expect(validSeen).toBeGreaterThan(50);
  });
});

describe("formatPhoneNumber", () => {
  it("formats in international style", () => {
    expect(formatPhoneNumber("+14155550100")).toBe("+1 415 555 0100");
    expect(formatPhoneNumber("+447400900123")).toBe("+44 7400 900123");
  });

  it("leaves anything that is not a number alone", () => {
    expect(formatPhoneNumber("AMAZON")).toBe("AMAZON");
    expect(formatPhoneNumber("12345")).toBe("12345");
  });
});

describe("countryOfNumber", () => {
  it("finds the country, including small +1 countries, from libphonenumber alone", () => {
    expect(countryOfNumber("+14155550100")).toBe("US");
    expect(countryOfNumber("+18765550100")).toBe("JM");
    expect(countryOfNumber("+447400900123")).toBe("GB");
    expect(countryOfNumber("+33612345678")).toBe("FR");
    expect(countryOfNumber("not a number")).toBeUndefined();
    // Ofcom's range for drama is in no numbering plan: nothing here pretends otherwise.
    expect(countryOfNumber("+447700900123")).toBeUndefined();
  });
});

describe("numberType", () => {
  it.each([
    ["+447400123456", "mobile"],
    ["+447400900123", "mobile"],
    ["+442079460123", "local"],
    ["+14155550100", "local"],
    ["+18005550100", "toll-free"],
    ["+448001234567", "toll-free"],
    ["+33612345678", "mobile"],
    ["+493012345678", "local"],
    ["+443001234567", "unknown"],
    ["garbage", "unknown"],
  ] as const)("%s is %s", (e164, type) => {
    expect(numberType(e164)).toBe(type);
  });

  it("tells a type it is sure of from one it guesses (NANP numbers may be fixed or mobile)", () => {
    expect(definiteNumberType("+447400123456")).toBe("mobile");
    expect(definiteNumberType("+442079460123")).toBe("local");
    expect(definiteNumberType("+18005550100")).toBe("toll-free");
    expect(definiteNumberType("+14155550100")).toBeUndefined();
    expect(definiteNumberType("+447700900123")).toBeUndefined();
  });
});

describe("isShortCodeOrAlphanumericSender", () => {
  it.each(["123", "22395", "+22395", "12345678", "AMAZON", "VERIFY-ME", "Uber", "1 2 3 4 5"])(
    "%j cannot be texted back",
    (from) => expect(isShortCodeOrAlphanumericSender(from)).toBe(true),
  );

  it.each(["+14155550100", "+447400900123", "14155550100", "12", "", "+123456789"])(
    "%j is not a short code or sender id",
    (from) => expect(isShortCodeOrAlphanumericSender(from)).toBe(false),
  );
});

describe("countryFlag and countryName", () => {
  it("builds the flag from regional indicators", () => {
    expect(countryFlag("US")).toBe("🇺🇸");
    expect(countryFlag("gb")).toBe("🇬🇧");
    expect(countryFlag("ZZ")).toBe("");
    expect(countryFlag("USA")).toBe("");
    expect(countryFlag(undefined)).toBe("");
    expect(countryFlag(null)).toBe("");
  });

  it("names countries in English, falling back to the code", () => {
    expect(countryName("DE")).toBe("Germany");
    expect(countryName("gu")).toBe("Guam");
    expect(countryName("abc")).toBe("abc");
    expect(countryName("")).toBe("");
  });
});

describe("countryOfCustomer", () => {
  it("takes the country Twilio reported, and reads it from the number only when Twilio said none or no ISO code", () => {
    // libphonenumber files +44 7911 under Guernsey; Twilio knows it as a UK mobile.
    expect(countryOfCustomer("+447911123456", "GB")).toBe("GB");
    expect(countryOfCustomer("+447911123456", "gb ")).toBe("GB");
    expect(countryOfCustomer("+447911123456", null)).toBe("GG");
    expect(countryOfCustomer("+447400123456", "")).toBe("GB");
    expect(countryOfCustomer("+18095551234", "XX")).toBe("DO");
    expect(countryOfCustomer("+18095551234", "not a country")).toBe("DO");
    expect(countryOfCustomer("+441632960123", "gb")).toBe("GB");
    expect(countryOfCustomer("+441632960123", "")).toBeNull();
    expect(countryOfCustomer("+441632960123", "not a country")).toBeNull();
  });
});
