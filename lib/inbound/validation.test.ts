import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFormBody } from "@/lib/twilio/webhook";
import { inboundMessageSchema, parseInboundMessage, statusCallbackSchema } from "./validation";

const SID = "SM" + "a".repeat(32);
const ACCOUNT = "AC" + "b".repeat(32);

const anyText = fc.string({ unit: "binary", maxLength: 80 });
const knownKeys = fc.constantFrom("MessageSid", "AccountSid", "From", "To", "Body", "NumMedia", "MediaUrl0", "MediaContentType0", "MediaUrl1", "FromCountry", "OptOutType");
const anyParams = fc.dictionary(fc.oneof(knownKeys, anyText), fc.oneof(anyText, fc.constantFrom(SID, ACCOUNT, "+14155550100", "1", "2", "-1", "NaN", "https://x/y")), { maxKeys: 12 });

describe("the inbound webhook parser", () => {
  it("never throws, whatever the parameters, and every refusal says why", () => {
    fc.assert(
      fc.property(anyParams, (params) => {
        const result = parseInboundMessage(params);
        if (!result.ok) expect(result.message).toMatch(/^Invalid inbound message: \S/);
        else {
          expect(result.message.media).toHaveLength(result.message.NumMedia);
          expect(result.message.Body).not.toContain("\u0000");
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on any form body, and what it reads goes back the same way", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (body) => {
        const params = parseFormBody(body);
        expect(parseFormBody(new URLSearchParams(params).toString())).toEqual(params);
        parseInboundMessage(params);
        statusCallbackSchema.safeParse(params);
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts any well-formed message and gives back its text and media as sent", () => {
    const media = fc.array(fc.record({ url: fc.webUrl(), contentType: fc.constantFrom("image/png", "image/jpeg", "application/pdf") }), { maxLength: 10 });
    fc.assert(
      fc.property(fc.string({ maxLength: 1600 }), media, (body, items) => {
        const params: Record<string, string> = { MessageSid: SID, AccountSid: ACCOUNT, From: "+14155550123", To: "+14155550100", Body: body, NumMedia: String(items.length) };
        items.forEach((item, n) => {
          params[`MediaUrl${n}`] = item.url;
          params[`MediaContentType${n}`] = item.contentType;
        });
        const result = parseInboundMessage(params);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.message.Body).toBe(body.replaceAll("\u0000", "\ufffd"));
        expect(result.message.media).toEqual(items);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses NUL in the numbers, since no database column can hold it", () => {
    expect(inboundMessageSchema.safeParse({ MessageSid: SID, AccountSid: ACCOUNT, From: "+1415\u00005550123", To: "+14155550100" }).success).toBe(false);
    expect(inboundMessageSchema.safeParse({ MessageSid: SID, AccountSid: ACCOUNT, From: "+14155550123", To: "+14155550100", FromCountry: "U\u0000S" }).success).toBe(false);
  });
});
