import { describe, expect, it } from "vitest";
import { isValidContentSignature, signedContentPath } from "./content";

const TOKEN = "token";
const NOW = Date.UTC(2026, 0, 1, 12, 30);

function searchOf(path: string): URLSearchParams {
  return new URL(path, "http://x").searchParams;
}

describe("signed media links", () => {
  it("open for the media they were made for, until they expire", () => {
    const path = signedContentPath("ME1", TOKEN, NOW);
    expect(path).toMatch(/^\/sandbox\/twilio\/content\/ME1\?Expires=\d+&Signature=/);
    expect(isValidContentSignature("ME1", searchOf(path), TOKEN, NOW)).toBe(true);
    expect(isValidContentSignature("ME1", searchOf(path), TOKEN, NOW + 60 * 60 * 1000)).toBe(true);
    expect(isValidContentSignature("ME1", searchOf(path), TOKEN, NOW + 3 * 60 * 60 * 1000)).toBe(false);
  });

  it("stay the same within the hour, so pictures stay cached", () => {
    expect(signedContentPath("ME1", TOKEN, NOW)).toBe(signedContentPath("ME1", TOKEN, NOW + 20 * 60 * 1000));
  });

  it("do not open other media, nor with another token or a changed expiry", () => {
    const search = searchOf(signedContentPath("ME1", TOKEN, NOW));
    expect(isValidContentSignature("ME2", search, TOKEN, NOW)).toBe(false);
    expect(isValidContentSignature("ME1", search, "other", NOW)).toBe(false);
    search.set("Expires", String(Number(search.get("Expires")) + 3600));
    expect(isValidContentSignature("ME1", search, TOKEN, NOW)).toBe(false);
    expect(isValidContentSignature("ME1", new URLSearchParams(), TOKEN, NOW)).toBe(false);
  });
});
