import { describe, expect, it } from "vitest";
import { ABSOLUTE_MAX_LENGTH, DEFAULT_MAX_LENGTH, checkLength, measureSms } from "./segments";

describe("measureSms", () => {
  it("counts a plain message as one GSM-7 segment", () => {
    expect(measureSms("Your order has shipped.")).toEqual({
      characters: 23,
      encoding: "GSM-7",
      segments: 1,
      unicodeCharacters: [],
    });
  });

  it("counts nothing for an empty message", () => {
    expect(measureSms("")).toEqual({ characters: 0, encoding: "GSM-7", segments: 0, unicodeCharacters: [] });
  });

  it("splits GSM-7 text after 160 characters into 153-character parts", () => {
    expect(measureSms("a".repeat(160)).segments).toBe(1);
    expect(measureSms("a".repeat(161)).segments).toBe(2);
    expect(measureSms("a".repeat(306)).segments).toBe(2);
    expect(measureSms("a".repeat(307)).segments).toBe(3);
  });

  it("keeps é, ñ, ü and Ç in GSM-7, since they are in its alphabet", () => {
    const measure = measureSms("Café, señor, über, Ça va");
    expect(measure.encoding).toBe("GSM-7");
    expect(measure.unicodeCharacters).toEqual([]);
  });

  it("names the characters that force Unicode, once each, in order", () => {
    const measure = measureSms("“Thanks” – it’s here ç ê “again”");
    expect(measure.encoding).toBe("UCS-2");
    expect(measure.unicodeCharacters).toEqual(["“", "”", "–", "’", "ç", "ê"]);
  });

  it("splits Unicode text after 70 characters into 67-character parts", () => {
    expect(measureSms("’".repeat(70)).segments).toBe(1);
    expect(measureSms("’".repeat(71)).segments).toBe(2);
    expect(measureSms("’".repeat(134)).segments).toBe(2);
    expect(measureSms("’".repeat(135)).segments).toBe(3);
  });

  it("counts an emoji as one character but marks it as Unicode", () => {
    const measure = measureSms("Thanks 😀");
    expect(measure.characters).toBe(8);
    expect(measure.encoding).toBe("UCS-2");
    expect(measure.unicodeCharacters).toEqual(["😀"]);
  });

  it("bills the GSM-7 extension characters (€, [, ]) as two", () => {
    expect(measureSms("€".repeat(80)).segments).toBe(1);
    expect(measureSms("€".repeat(81)).segments).toBe(2);
    expect(measureSms("€".repeat(81)).characters).toBe(81);
  });
});

describe("checkLength", () => {
  it("accepts a message at the limit and refuses one over it, in words", () => {
    expect(checkLength("a".repeat(160), DEFAULT_MAX_LENGTH)).toEqual({ ok: true });
    expect(checkLength("a".repeat(172), DEFAULT_MAX_LENGTH)).toEqual({
      ok: false,
      message: "This message is 172 characters; the limit for this SMS integration is 160.",
    });
  });

  it("counts an emoji as one character", () => {
    expect(checkLength(`${"a".repeat(159)}😀`, 160)).toEqual({ ok: true });
  });

  it("never lets a message past Twilio's 1600 characters", () => {
    expect(checkLength("a".repeat(1601), 5000)).toEqual({
      ok: false,
      message: `This message is 1601 characters; the limit for this SMS integration is ${ABSOLUTE_MAX_LENGTH}.`,
    });
    expect(checkLength("a".repeat(1600), 5000)).toEqual({ ok: true });
  });

  it("refuses an empty message unless the caller allows it", () => {
    expect(checkLength("  \n ", 160)).toEqual({ ok: false, message: "Write a message before sending." });
    expect(checkLength("", 160, { allowEmpty: true })).toEqual({ ok: true });
  });
});
