import fc from "fast-check";
import { getCountries, getExampleNumber, type CountryCode } from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { describe, expect, it } from "vitest";
import { smsSupportForNumber, mmsAllowedForCustomerCountry } from "./capabilities";
import { allCountries, isCountryAllowed } from "./countries";
import { countryFlag, countryName, countryOfNumber, formatPhoneNumber, isShortCodeOrAlphanumericSender, normalizePhoneNumber, numberType } from "./normalize";

const anyString = fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), fc.string({ unit: fc.constantFrom(..."+0123456789 ()-.x#*tel:"), maxLength: 30 }));
const anyCountry = fc.oneof(fc.constant(undefined), fc.constantFrom(...(getCountries() as string[])), fc.string({ maxLength: 4 }));

/** One example mobile number per country libphonenumber knows. */
const exampleNumbers = getCountries().flatMap((country) => {
  const example = getExampleNumber(country, examples);
  return example ? [{ country, example }] : [];
});

describe("every lib/phone function on arbitrary input", () => {
  it("never throws on any string and any country, and always answers in its own shape", () => {
    fc.assert(
      fc.property(anyString, anyCountry, (input, country) => {
        const normalized = normalizePhoneNumber(input, country as CountryCode | undefined);
        if (normalized.ok) expect(normalized.e164).toMatch(/^\+[1-9]\d{6,14}$/);
        else expect(normalized.message.length).toBeGreaterThan(0);
        expect(typeof formatPhoneNumber(input)).toBe("string");
        countryOfNumber(input);
        expect(["mobile", "local", "toll-free", "unknown"]).toContain(numberType(input));
        isShortCodeOrAlphanumericSender(input);
        countryFlag(input);
        expect(typeof countryName(input)).toBe("string");
        isCountryAllowed(input, [input]);
        mmsAllowedForCustomerCountry(input);
        expect(smsSupportForNumber({ e164: input, twilioSms: true, twilioMms: true })).toHaveProperty("sms");
      }),
      { numRuns: 3000 },
    );
  });

  it("has an example number for nearly every country it lists", () => {
    expect(exampleNumbers.length).toBeGreaterThan(200);
    expect(allCountries().length).toBeGreaterThan(200);
  });

  it("round-trips every valid E.164 number: as typed in E.164, in international format, and in national format with its country", () => {
    for (const { country, example } of exampleNumbers) {
      const e164 = example.number;
      const where = `${country} ${e164}`;
      expect(normalizePhoneNumber(e164), where).toMatchObject({ ok: true, e164 });
      expect(normalizePhoneNumber(formatPhoneNumber(e164)), where).toMatchObject({ ok: true, e164 });
      expect(normalizePhoneNumber(example.formatNational(), country), where).toMatchObject({ ok: true, e164 });
      expect(normalizePhoneNumber(` ${e164.replace(/^\+/, "00")} `), where).toMatchObject({ ok: true, e164 });
    }
  });

  it("normalizes a valid number the same wherever the agent is, once it has its country code", () => {
    fc.assert(
      fc.property(fc.constantFrom(...exampleNumbers), anyCountry, ({ example }, country) => {
        expect(normalizePhoneNumber(example.formatInternational(), country as CountryCode | undefined)).toMatchObject({ ok: true, e164: example.number });
      }),
      { numRuns: 1000 },
    );
  });
});
