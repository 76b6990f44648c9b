import { describe, expect, it } from "vitest";
import { mmsAllowedForCustomerCountry, smsSupportForNumber } from "./capabilities";

const twilioBoth = { twilioSms: true, twilioMms: true };

describe("smsSupportForNumber", () => {
  it("gives US and Canadian numbers SMS and MMS", () => {
    expect(smsSupportForNumber({ e164: "+14155550100", ...twilioBoth })).toEqual({ sms: true, mms: true, reason: null });
    expect(smsSupportForNumber({ e164: "+16135550123", ...twilioBoth })).toEqual({ sms: true, mms: true, reason: null });
    expect(smsSupportForNumber({ e164: "+18005550100", ...twilioBoth })).toEqual({ sms: true, mms: true, reason: null });
  });

  it("gives UK mobile numbers SMS only", () => {
    expect(smsSupportForNumber({ e164: "+447400900123", ...twilioBoth })).toEqual({
      sms: true,
      mms: false,
      reason: "UK mobile numbers can send SMS but not MMS (pictures).",
    });
  });

  it("gives UK local numbers neither", () => {
    expect(smsSupportForNumber({ e164: "+442079460123", ...twilioBoth })).toEqual({
      sms: false,
      mms: false,
      reason: "UK local (geographic) numbers cannot send or receive SMS yet. Use a UK mobile number.",
    });
  });

  it("trusts the type it is given over the one it would guess", () => {
    const asLocal = smsSupportForNumber({ e164: "+447400123456", ...twilioBoth, type: "local" });
    expect(asLocal.sms).toBe(false);
    const asMobile = smsSupportForNumber({ e164: "+447400123456", ...twilioBoth, type: "mobile" });
    expect(asMobile.sms).toBe(true);
  });

  it("does not offer SMS in other countries yet, and names the country", () => {
    expect(smsSupportForNumber({ e164: "+81312345678", ...twilioBoth })).toEqual({
      sms: false,
      mms: false,
      reason: "SMS is not available yet for numbers in Japan. US, Canadian and UK mobile numbers can have SMS.",
    });
    expect(smsSupportForNumber({ e164: "+33612345678", ...twilioBoth }).reason).toContain("in France");
    expect(smsSupportForNumber({ e164: "+18765550100", ...twilioBoth }).reason).toContain("in Jamaica");
    expect(smsSupportForNumber({ e164: "nonsense", ...twilioBoth }).reason).toContain("not recognised");
  });

  it("takes away what Twilio says the number cannot do", () => {
    expect(smsSupportForNumber({ e164: "+14155550100", twilioSms: false, twilioMms: true })).toEqual({
      sms: false,
      mms: false,
      reason: "Twilio reports this number cannot send SMS.",
    });
    expect(smsSupportForNumber({ e164: "+14155550100", twilioSms: true, twilioMms: false })).toEqual({
      sms: true,
      mms: false,
      reason: "Twilio reports this number cannot send MMS (pictures).",
    });
  });

  it("gives the product's reason first when both say no", () => {
    const result = smsSupportForNumber({ e164: "+442079460123", twilioSms: false, twilioMms: false });
    expect(result.reason).toContain("UK local (geographic) numbers");
  });
});

describe("mmsAllowedForCustomerCountry", () => {
  it("allows MMS only to US and Canadian customers", () => {
    expect(mmsAllowedForCustomerCountry("US")).toBe(true);
    expect(mmsAllowedForCustomerCountry("ca")).toBe(true);
    expect(mmsAllowedForCustomerCountry("GB")).toBe(false);
    expect(mmsAllowedForCustomerCountry("PR")).toBe(false);
    expect(mmsAllowedForCustomerCountry(undefined)).toBe(false);
    expect(mmsAllowedForCustomerCountry(null)).toBe(false);
  });
});
