import { describe, expect, it } from "vitest";
import { POLICY_CATEGORIES, type PolicyCategoryId, checkMessagingPolicy } from "./check";

describe("POLICY_CATEGORIES", () => {
  it("lists the eleven banned categories of the messaging policy", () => {
    expect(POLICY_CATEGORIES.map((category) => category.id)).toEqual([
      "high-risk-financial",
      "lead-generation",
      "debt",
      "get-rich-quick",
      "illegal-substances",
      "gambling",
      "sex",
      "hate",
      "alcohol",
      "firearms",
      "tobacco",
    ]);
    for (const category of POLICY_CATEGORIES) {
      expect(category.label.length).toBeGreaterThan(2);
      expect(category.description).toMatch(/\.$/);
    }
  });
});

describe("checkMessagingPolicy flags banned content", () => {
  it.each<[string, PolicyCategoryId, string]>([
    ["Need cash fast? Get a payday loan today", "high-risk-financial", "payday loan"],
    ["Instant CASH ADVANCE, no questions", "high-risk-financial", "CASH ADVANCE"],
    ["We sell leads for insurance agents", "lead-generation", "We sell leads"],
    ["Buy exclusive leads at $2 each", "lead-generation", "Buy exclusive leads"],
    ["Call us for debt relief", "debt", "debt relief"],
    ["We will collect your debt by Friday", "debt", "collect your debt"],
    ["Make $5000 a week from your couch", "get-rich-quick", "Make $5000 a week"],
    ["earn up to $300 per day!", "get-rich-quick", "earn up to $300 per day"],
    ["Work from home and get rich", "get-rich-quick", "Work from home and get rich"],
    ["Double your money in a month", "get-rich-quick", "Double your money"],
    ["CBD gummies 50% off", "illegal-substances", "CBD"],
    ["Premium cannabis delivered", "illegal-substances", "cannabis"],
    ["Try our new delta-8 pens", "illegal-substances", "delta-8"],
    ["Visit our casino tonight", "gambling", "casino"],
    ["Bet now on the big game", "gambling", "Bet now"],
    ["100 free spins for new players", "gambling", "free spins"],
    ["Hot singles want sex", "sex", "sex"],
    ["Free porn site", "sex", "porn"],
    ["sieg heil brothers", "hate", "sieg heil"],
    ["Join the white power rally", "hate", "white power"],
    ["Two beers for $5", "alcohol", "beers"],
    ["Our wine club ships monthly", "alcohol", "wine"],
    ["Vodka tasting on Saturday", "alcohol", "Vodka"],
    ["Guns on sale this weekend", "firearms", "Guns"],
    ["Bulk ammo in stock", "firearms", "ammo"],
    ["New gun parts arrived", "firearms", "gun parts"],
    ["Vape juice restock", "tobacco", "Vape"],
    ["Cheap cigarettes by the carton", "tobacco", "cigarettes"],
  ])("%j is %s", (text, category, matched) => {
    const result = checkMessagingPolicy(text);
    expect(result).toEqual({
      ok: false,
      category,
      label: POLICY_CATEGORIES.find((c) => c.id === category)?.label,
      matched,
    });
  });

  it("sees through curly quotes, odd spacing and full-width letters", () => {
    expect(checkMessagingPolicy("Get a payday\n  loan")).toMatchObject({ ok: false, category: "high-risk-financial" });
    expect(checkMessagingPolicy("ｃａｓｉｎｏ night")).toMatchObject({ ok: false, category: "gambling", matched: "casino" });
  });

  it("reports the first category in policy order when several match", () => {
    expect(checkMessagingPolicy("beer and a payday loan")).toMatchObject({ category: "high-risk-financial" });
  });
});

describe("checkMessagingPolicy leaves ordinary support alone", () => {
  it.each([
    "Your order has shipped",
    "Can I get a refund?",
    "Hi! Your package is out for delivery today.",
    "Sorry about the delay, we have sent a replacement.",
    "Could you send a photo of the damaged item?",
    "Your return label is attached. Drop it at any UPS store.",
    "What size should I order? I'm usually a medium.",
    "The tracking number is 1Z999AA10123456784.",
    "We're open Monday to Friday, 9am to 5pm.",
    "Thanks for reaching out! How can we help?",
    "I was charged twice for order #4821",
    "Your subscription renews on the 3rd.",
    "Shipping to Scunthorpe takes 2 days.",
    "Which class of shipping did you choose?",
    "I loved the Assassin's Creed poster",
    "Wineglass shipping is free this week",
    "Our wine glasses are dishwasher safe",
    "My massage gun stopped charging",
    "The hot glue gun arrived broken",
    "The gun metal grey finish is sold out",
    "Can I pay with a gift card?",
    "Essex and Sussex deliveries are delayed",
    "The ginger tea is back in stock",
    "Use the nude lipstick shade code at checkout",
    "Our champagne-coloured dress is on sale",
    "Please fill in the debtor name on the invoice form",
    "Bet you'll love it!",
  ])("%j passes", (text) => {
    expect(checkMessagingPolicy(text)).toEqual({ ok: true });
  });
});
