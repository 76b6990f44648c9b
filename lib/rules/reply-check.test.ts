import { describe, expect, it } from "vitest";
import { checkAutoReplyText, replyLengthLimit } from "./reply-check";

describe("replyLengthLimit", () => {
  it("is the strictest chosen integration's limit", () => {
    expect(replyLengthLimit([{ name: "A", maxMessageLength: 300 }, { name: "B", maxMessageLength: 120 }])).toBe(120);
    expect(replyLengthLimit([{ name: "A", maxMessageLength: 300 }], [{ name: "B", maxMessageLength: 120 }])).toBe(300);
  });

  it("holds a rule for any integration to every integration's limit and to 160", () => {
    expect(replyLengthLimit([])).toBe(160);
    expect(replyLengthLimit([], [{ name: "A", maxMessageLength: 1600 }])).toBe(160);
    expect(replyLengthLimit([], [{ name: "A", maxMessageLength: 1600 }, { name: "B", maxMessageLength: 100 }])).toBe(100);
  });
});

describe("checkAutoReplyText", () => {
  it("accepts the after-hours reply and measures it like the composer", () => {
    const check = checkAutoReplyText("Thanks! We are closed, we will answer at 9am.", { chosen: [], all: [{ name: "Shop", maxMessageLength: 100 }] });
    expect(check).toMatchObject({ ok: true, limit: 100, measure: { characters: 45, encoding: "GSM-7", segments: 1 } });
  });

  it("counts room for the customer's name and the longest integration name", () => {
    const check = checkAutoReplyText("Hi {{customer.name}}, {{integration.name}} here.", { chosen: [], all: [{ name: "Shop", maxMessageLength: 160 }, { name: "Big Shop", maxMessageLength: 160 }] });
    expect(check.measure.characters).toBe("Hi , Big Shop here.".length + 20);
  });

  it("holds the reply to the chosen integration's limit", () => {
    const chosen = [{ name: "Tiny", maxMessageLength: 40 }];
    expect(checkAutoReplyText("Thanks! We are closed, we will answer at 9am.", { chosen, all: chosen })).toMatchObject({ ok: false, limit: 40 });
  });

  it("refuses a reply over the limit, saying so", () => {
    const check = checkAutoReplyText("x".repeat(150) + " {{customer.name}}", { chosen: [], all: [] });
    expect(check).toMatchObject({ ok: false, message: "This reply can be 171 characters (counting 20 characters for a customer's name); the limit is 160. Shorten it." });
  });

  it("refuses a reply the policy checker flags, naming the category", () => {
    const check = checkAutoReplyText("We are closed. Try our CBD gummies, 50% off!", { chosen: [], all: [] });
    expect(check).toMatchObject({ ok: false, policyCategory: "Federally illegal substances" });
    expect(!check.ok && check.message).toContain("Federally illegal substances");
  });

  it("checks the policy with the integration's name filled in", () => {
    expect(checkAutoReplyText("Thanks for texting {{integration.name}}!", { chosen: [], all: [{ name: "Casino Royale", maxMessageLength: 160 }] })).toMatchObject({ ok: false, policyCategory: "Gambling" });
  });

  it("refuses unknown placeholders", () => {
    expect(checkAutoReplyText("Your order {{order.number}} ships soon", { chosen: [], all: [] })).toMatchObject({ ok: false, message: expect.stringContaining("{{order.number}} is not a placeholder") });
  });
});
