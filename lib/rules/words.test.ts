import { describe, expect, it } from "vitest";
import { findWord, listWords } from "./words";

describe("findWord", () => {
  it("ignores case and punctuation around words", () => {
    expect(findWord("Where is my ORDER?", ["order"])).toBe("order");
    expect(findWord("refund!!!", ["Refund"])).toBe("Refund");
  });

  it("matches whole words only", () => {
    expect(findWord("It crossed the border", ["order"])).toBeNull();
    expect(findWord("reorder please", ["order"])).toBeNull();
    expect(findWord("orders are late", ["order"])).toBeNull();
    expect(findWord("order#1234", ["order"])).toBe("order");
  });

  it("matches the start of words with a trailing star", () => {
    expect(findWord("I want it refunded", ["refund*"])).toBe("refund*");
    expect(findWord("Refunds?", ["refund*"])).toBe("refund*");
    expect(findWord("prerefund", ["refund*"])).toBeNull();
  });

  it("matches phrases across any spacing", () => {
    expect(findWord("where is   my\nparcel", ["my parcel"])).toBe("my parcel");
    expect(findWord("my other parcel", ["my parcel"])).toBeNull();
  });

  it("ignores accents and curly apostrophes", () => {
    expect(findWord("Où est ma COMMANDE livrée ?", ["livree"])).toBe("livree");
    expect(findWord("I can’t log in", ["can't"])).toBe("can't");
  });

  it("treats regular-expression characters literally", () => {
    expect(findWord("Is it $5.99?", ["$5.99"])).toBe("$5.99");
    expect(findWord("Is it $5099?", ["$5.99"])).toBeNull();
    expect(findWord("a+b", ["a+b"])).toBe("a+b");
  });

  it("returns the first listed word found, and null for empty words", () => {
    expect(findWord("cancel my order", ["order", "cancel"])).toBe("order");
    expect(findWord("anything", ["*", "  "])).toBeNull();
  });

  it("works with non-Latin scripts", () => {
    expect(findWord("注文はどこですか", ["注文はどこですか"])).toBe("注文はどこですか");
    expect(findWord("שלום, איפה ההזמנה?", ["ההזמנה"])).toBe("ההזמנה");
  });
});

describe("listWords", () => {
  it("quotes and joins", () => {
    expect(listWords(["a"])).toBe("“a”");
    expect(listWords(["a", "b", "c"])).toBe("“a”, “b” or “c”");
    expect(listWords(["a", "b"], "and")).toBe("“a” and “b”");
  });
});
