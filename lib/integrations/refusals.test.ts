import { describe, expect, it } from "vitest";
import { summarizeCountryRefusals } from "./refusals";

describe("summarizeCountryRefusals", () => {
  it("counts the countries still not allowed, most refused first, and leaves out those allowed since", () => {
    const summary = summarizeCountryRefusals(
      [
        { country: "BR", count: 4 },
        { country: "RU", count: 8 },
        { country: "MX", count: 3 },
        { country: null, count: 2 },
      ],
      ["MX"],
    );
    expect(summary.countries).toEqual([
      { code: "RU", name: "Russia", count: 8, canAllow: true },
      { code: "BR", name: "Brazil", count: 4, canAllow: true },
    ]);
    expect(summary.unknown).toBe(2);
    expect(summary.total).toBe(14);
  });

  it("orders countries refused as often by name, and counts nothing when there is nothing", () => {
    expect(summarizeCountryRefusals([{ country: "PE", count: 1 }, { country: "CL", count: 1 }], []).countries.map((c) => c.name)).toEqual(["Chile", "Peru"]);
    expect(summarizeCountryRefusals([], [])).toEqual({ total: 0, countries: [], unknown: 0 });
  });

  it("never lists a country allowed by default, even if texts were refused before a change of list", () => {
    expect(summarizeCountryRefusals([{ country: "US", count: 5 }], []).total).toBe(0);
  });
});
