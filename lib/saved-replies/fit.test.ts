import { describe, expect, it } from "vitest";
import { savedReplyFit } from "./fit";

describe("savedReplyFit", () => {
  it("counts the reply as the composer will, with room for names", () => {
    const fit = savedReplyFit("Hi {{customer.first_name}}, {{agent.first_name}} here.", [{ name: "Desk", maxMessageLength: 160 }]);
    // "Hi " + 20 + ", " + 20 + " here." = 51
    expect(fit.counter.summary).toBe("51 / 160 · GSM-7 · 1 SMS");
    expect(fit.tooLongFor).toEqual([]);
  });

  it("names each integration whose limit the reply passes, and counts against the strictest", () => {
    const body = `${"x".repeat(150)} from {{integration.name}}`;
    const fit = savedReplyFit(body, [
      { name: "Desk", maxMessageLength: 160 },
      { name: "Long Name Shop", maxMessageLength: 320 },
      { name: "Short", maxMessageLength: 160 },
    ]);
    // "from Desk" makes exactly 160, which fits; "from Short" makes 161.
    expect(fit.tooLongFor).toEqual([{ name: "Short", limit: 160, characters: 161 }]);
    expect(fit.counter.summary).toBe("161 / 160 · GSM-7 · 2 SMS");
  });

  it("uses the default limit when no integration exists, and shows Unicode segments", () => {
    const fit = savedReplyFit("Merci, à bientôt – l’équipe", []);
    expect(fit.counter.limit).toBe(160);
    expect(fit.counter.encoding).toBe("UCS-2");
    expect(fit.counter.summary).toBe("27 / 160 · Unicode · 1 SMS");
    expect(fit.tooLongFor).toEqual([]);
  });
});
