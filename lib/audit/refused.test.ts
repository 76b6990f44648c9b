import { describe, expect, it } from "vitest";
import { numberSearchFrom } from "./refused";

describe("numberSearchFrom", () => {
  it("reads a whole number in any format as E.164", () => {
    expect(numberSearchFrom(" +44 7911 123456 ")).toEqual({ exact: "+447911123456", digits: null });
    expect(numberSearchFrom("001 206 555 0100")).toEqual({ exact: "+12065550100", digits: null });
  });

  it("looks for digits anywhere when the number has no country code, or is part of one", () => {
    expect(numberSearchFrom("(206) 555-0100")).toEqual({ exact: null, digits: "2065550100" });
    expect(numberSearchFrom("72345")).toEqual({ exact: null, digits: "72345" });
  });

  it("takes a sender name as it is, and nothing for an empty box", () => {
    expect(numberSearchFrom("AMAZON")).toEqual({ exact: "AMAZON", digits: null });
    expect(numberSearchFrom("   ")).toBeNull();
    expect(numberSearchFrom("--")).toEqual({ exact: null, digits: null });
  });
});
