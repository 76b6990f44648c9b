import { describe, expect, it } from "vitest";
import { composerCounter } from "./counter";

describe("composerCounter", () => {
  it("counts plain text as GSM-7 against the limit", () => {
    const counter = composerCounter("Hello, your order shipped!", 160);
    expect(counter).toMatchObject({ characters: 26, limit: 160, over: false, encoding: "GSM-7", segments: 1, unicodeHint: null });
    expect(counter.summary).toBe("26 / 160 · GSM-7 · 1 SMS");
  });

  it("names the characters that force Unicode", () => {
    const counter = composerCounter("It’s “ready” 😀", 160);
    expect(counter.encoding).toBe("UCS-2");
    expect(counter.summary).toBe("14 / 160 · Unicode · 1 SMS");
    expect(counter.unicodeHint).toBe("The curly apostrophe ’ (use '), the curly quote “ (use \"), the curly quote ” (use \") and “😀” force Unicode, so each SMS holds 70 characters instead of 160.");
  });

  it("says one character forces Unicode, in the singular", () => {
    expect(composerCounter("Café ok ✓", 160).unicodeHint).toBe("“✓” forces Unicode, so each SMS holds 70 characters instead of 160.");
  });

  it("is over the limit past the integration's maximum, and counts segments", () => {
    const counter = composerCounter("a".repeat(161), 160);
    expect(counter.over).toBe(true);
    expect(counter.segments).toBe(2);
    expect(composerCounter("a".repeat(160), 160).over).toBe(false);
    expect(composerCounter("é".repeat(300), 1600).segments).toBe(2);
  });

  it("shows an empty box as zero", () => {
    expect(composerCounter("", 160).summary).toBe("0 / 160 · GSM-7");
  });
});
