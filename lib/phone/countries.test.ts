import { describe, expect, it } from "vitest";
import { DEFAULT_ALLOWED_COUNTRIES, allCountries, isCountryAllowed } from "./countries";

describe("DEFAULT_ALLOWED_COUNTRIES", () => {
  it("holds the named countries and every +1 country", () => {
    for (const code of ["IL", "JP", "FR", "DE", "GB", "AU", "US", "CA", "GU", "GD", "DO", "PR", "JM", "BS", "VI", "TT"]) {
      expect(DEFAULT_ALLOWED_COUNTRIES).toContain(code);
    }
  });

  it("holds nothing else and no duplicates", () => {
    expect(DEFAULT_ALLOWED_COUNTRIES).not.toContain("MX");
    expect(DEFAULT_ALLOWED_COUNTRIES).not.toContain("ES");
    expect(new Set(DEFAULT_ALLOWED_COUNTRIES).size).toBe(DEFAULT_ALLOWED_COUNTRIES.length);
    // IL, JP, FR, DE, GB, AU, the 3 Crown Dependencies and the 25 countries of the North American Numbering Plan.
    expect(DEFAULT_ALLOWED_COUNTRIES.length).toBe(6 + 3 + 25);
  });
});

describe("isCountryAllowed", () => {
  it("allows the defaults in any case", () => {
    expect(isCountryAllowed("US", [])).toBe(true);
    expect(isCountryAllowed("gd", [])).toBe(true);
  });

  it("allows Guernsey, Jersey and the Isle of Man with the United Kingdom, whose +44 numbers they share", () => {
    for (const code of ["GG", "JE", "IM", "gg"]) expect(isCountryAllowed(code, [])).toBe(true);
  });

  it("refuses other countries unless support added them", () => {
    expect(isCountryAllowed("MX", [])).toBe(false);
    expect(isCountryAllowed("MX", ["ES", "mx"])).toBe(true);
  });

  it("refuses an unknown country", () => {
    expect(isCountryAllowed(undefined, ["US"])).toBe(false);
    expect(isCountryAllowed(null, [])).toBe(false);
    expect(isCountryAllowed("", [""])).toBe(false);
  });
});

describe("allCountries", () => {
  it("lists countries by English name with their calling codes", () => {
    const countries = allCountries();
    const names = countries.map((country) => country.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
    expect(countries.find((country) => country.code === "GB")).toEqual({
      code: "GB",
      name: "United Kingdom",
      callingCode: "44",
    });
    expect(countries.find((country) => country.code === "JM")?.callingCode).toBe("1");
    expect(countries.length).toBeGreaterThan(200);
  });

  it("hands each caller its own list", () => {
    const mine = allCountries();
    const firstName = mine[0]?.name;
    mine.reverse();
    mine[0]!.name = "Changed";
    const fresh = allCountries();
    expect(fresh[0]?.name).toBe(firstName);
    expect(fresh.some((country) => country.name === "Changed")).toBe(false);
  });
});
