import { describe, expect, it } from "vitest";
import { attachAbility, describeSendingBlock, sendingBlock } from "./eligibility";

const active = { name: "Support", status: "active" as const, deactivatedReason: null, deletedAt: null };

describe("sendingBlock", () => {
  it("lets a message through when nothing blocks it", () => {
    expect(sendingBlock({ integration: active, optOut: null, customerCountry: "US", extraAllowedCountries: [] })).toBeNull();
    expect(
      sendingBlock({ integration: active, optOut: { optedOut: false, keyword: "START", changedAt: new Date() }, customerCountry: "GU", extraAllowedCountries: [] }),
    ).toBeNull();
  });

  it("says who replied STOP, when, and what unlocks it", () => {
    const block = sendingBlock({
      integration: active,
      optOut: { optedOut: true, keyword: "stop", changedAt: "2024-11-03T12:00:00Z" },
      customerCountry: "US",
      extraAllowedCountries: [],
    });
    expect(block).toMatchObject({ kind: "opted-out" });
    expect(describeSendingBlock(block!, "Ann Lee", "UTC")).toBe("Ann Lee replied STOP on 3 Nov 2024. You can reply after they text START.");
  });

  it("refuses countries that are not allowed, unless an admin added them", () => {
    const block = sendingBlock({ integration: active, optOut: null, customerCountry: "BR", extraAllowedCountries: [] });
    expect(describeSendingBlock(block!, "x")).toContain("Messages to Brazil are not allowed");
    expect(sendingBlock({ integration: active, optOut: null, customerCountry: "BR", extraAllowedCountries: ["BR"] })).toBeNull();
  });

  it("puts a deactivated integration first, naming it and how to reactivate", () => {
    const block = sendingBlock({
      integration: { ...active, status: "deactivated", deactivatedReason: "Messaging policy violation." },
      optOut: { optedOut: true, keyword: "STOP", changedAt: new Date() },
      customerCountry: "US",
      extraAllowedCountries: [],
    });
    expect(describeSendingBlock(block!, "x")).toBe(
      "The SMS integration “Support” is deactivated (Messaging policy violation). An admin can reactivate it in Settings → Integrations → SMS.",
    );
  });
});

describe("attachAbility", () => {
  const usNumber = { e164: "+14155550100", twilioSms: true, twilioMms: true, type: "local" as const };
  it("allows pictures from a US number with MMS to US and Canadian customers", () => {
    expect(attachAbility({ number: usNumber, customerCountry: "US" })).toEqual({ ok: true });
    expect(attachAbility({ number: usNumber, customerCountry: "CA" })).toEqual({ ok: true });
  });
  it("says why pictures cannot be attached", () => {
    expect(attachAbility({ number: usNumber, customerCountry: "FR" })).toEqual({
      ok: false,
      reason: "Pictures (MMS) reach only customers in the US and Canada. This customer's number is in France.",
    });
    expect(attachAbility({ number: { ...usNumber, twilioMms: false }, customerCountry: "US" })).toMatchObject({ ok: false, reason: expect.stringContaining("cannot send MMS") });
    expect(attachAbility({ number: { e164: "+447400900123", twilioSms: true, twilioMms: true, type: "mobile" }, customerCountry: "US" })).toMatchObject({
      ok: false,
      reason: "UK mobile numbers can send SMS but not MMS (pictures).",
    });
    expect(attachAbility({ number: null, customerCountry: "US" }).ok).toBe(false);
  });
});
