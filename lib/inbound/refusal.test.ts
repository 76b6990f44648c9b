import { describe, expect, it } from "vitest";
import { describeRefusal, refusalHeaderValue } from "./refusal";

describe("the reason a text was not accepted", () => {
  it("travels as ASCII and reads back in words", () => {
    expect(describeRefusal(refusalHeaderValue({ reason: "country-not-allowed", country: "RU" }))).toBe("country not allowed (Russia)");
    expect(describeRefusal(refusalHeaderValue({ reason: "country-not-allowed", country: null }))).toBe("country not allowed (unknown country)");
    expect(describeRefusal(refusalHeaderValue({ reason: "one-time-passcode" }))).toMatch(/one-time passcode/);
    expect(describeRefusal(refusalHeaderValue({ reason: "short-code" }))).toMatch(/short code/);
    expect(describeRefusal(refusalHeaderValue({ reason: "sender-name" }))).toMatch(/sender name/);
    expect(describeRefusal("something-else")).toBeNull();
  });
});
