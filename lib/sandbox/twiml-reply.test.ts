import { describe, expect, it } from "vitest";
import { readTwimlMessages } from "./twiml-reply";

describe("readTwimlMessages", () => {
  it("reads nothing from an empty answer or one that is not TwiML", () => {
    expect(readTwimlMessages('<?xml version="1.0" encoding="UTF-8"?><Response/>')).toEqual([]);
    expect(readTwimlMessages("<Response></Response>")).toEqual([]);
    expect(readTwimlMessages("OK")).toEqual([]);
    expect(readTwimlMessages("<html><Message>hi</Message></html>")).toEqual([]);
  });

  it("reads plain and nested messages, with entities and media", () => {
    const xml = `<Response>
      <Message>Thanks &amp; bye &#128075;</Message>
      <Message to="+14155550100"><Body>Your receipt</Body><Media>https://example.com/r.png</Media></Message>
      <Message><![CDATA[<b>as is</b>]]></Message>
    </Response>`;
    expect(readTwimlMessages(xml)).toEqual([
      { body: "Thanks & bye 👋", mediaUrls: [], to: undefined, from: undefined },
      { body: "Your receipt", mediaUrls: ["https://example.com/r.png"], to: "+14155550100", from: undefined },
      { body: "<b>as is</b>", mediaUrls: [], to: undefined, from: undefined },
    ]);
  });
});
