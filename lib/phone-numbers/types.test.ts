import { describe, expect, it } from "vitest";
import { readCapabilities } from "./types";

describe("readCapabilities", () => {
  it("reads both spellings Twilio uses", () => {
    expect(readCapabilities({ sms: true, mms: false, voice: true })).toEqual({ sms: true, mms: false, voice: true });
    expect(readCapabilities({ SMS: true, MMS: true, voice: false })).toEqual({ sms: true, mms: true, voice: false });
  });

  it("reads the keys in any case, and true as a boolean or a string", () => {
    expect(readCapabilities({ Sms: true, mMs: "True", VOICE: true, fax: false })).toEqual({ sms: true, mms: true, voice: true });
    expect(readCapabilities({ Voice: "true", SMS: "TRUE", MMS: "false" })).toEqual({ sms: true, mms: false, voice: true });
  });

  it("counts anything missing or strange as not capable", () => {
    expect(readCapabilities(undefined)).toEqual({ sms: false, mms: false, voice: false });
    expect(readCapabilities({ sms: "yes", mms: 1 })).toEqual({ sms: false, mms: false, voice: false });
  });
});
